// SMS content: part counting (GSM-7 / UCS-2) and URL detection over corpora of realistic
// marketing messages, one call per message, reported in bytes per second.
#include <smstrack/content/message_renderer.hpp>
#include <smstrack/text/sms_encoding.hpp>
#include <smstrack/text/url_detection.hpp>

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace {

const std::vector<std::string> ascii_messages = {
    "ACME: Black Friday starts now! 40% off everything until midnight. Shop at https://acme.example/bf "
    "Reply STOP to opt out.",
    "Hi Ann, your order #48213 has shipped and will arrive on Thursday. Track it at acme.example/t/48213",
    "Your verification code is 482913. It expires in 10 minutes. Never share it with anyone.",
    "Reminder: your appointment with Dr. Smith is tomorrow at 10:30 AM. Reply C to confirm or R to "
    "reschedule. Questions? Call 555-0100.",
    "Flash sale! Buy 2 get 1 free on all shoes this weekend only, in store and online at www.acme.example. "
    "Terms apply, while stocks last. Text STOP to end.",
    "Last chance: your cart is waiting. Complete your purchase today and enjoy free delivery on orders "
    "over $50 with code FREESHIP. Offer ends Sunday at 11:59 PM. Visit acme.example/cart now, we saved "
    "your items for you.",
};

const std::vector<std::string> mixed_messages = {
    "ACME : les soldes commencent ! -40 % sur tout jusqu'à minuit. Rendez-vous sur acme.example/soldes "
    "Répondez STOP pour ne plus recevoir.",
    "Bonjour Anaïs, votre commande n°48213 a été expédiée et arrivera jeudi. Suivez-la sur acme.example/t",
    "Ihr Bestätigungscode lautet 482913. Er läuft in 10 Minuten ab. Geben Sie ihn niemals weiter.",
    "¡Última oportunidad! Tu carrito te espera: envío gratis con el código ENVIOGRATIS hasta el domingo.",
    "Привет! Ваш заказ №48213 отправлен и прибудет в четверг. Отследить: acme.example/t/48213",
    "双十一大促！全场五折起，仅限今天。立即购买 acme.example/sale 回复TD退订",
    "🎉 Flash sale! Buy 2 get 1 free 👟 this weekend only at www.acme.example 🛍️ Text STOP to end.",
    "Ciao Giulia, il tuo ordine è stato spedito. Arriverà giovedì. Più informazioni su acme.example/it",
};

void count_corpus(benchmark::State& state, const std::vector<std::string>& corpus) {
  std::size_t bytes = 0;
  for (const auto& message : corpus) bytes += message.size();
  for (auto _ : state) {
    for (const auto& message : corpus) {
      auto counted = smstrack::count_segments(message);
      benchmark::DoNotOptimize(counted);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * corpus.size()));
}

void BM_segments_ascii(benchmark::State& state) { count_corpus(state, ascii_messages); }
BENCHMARK(BM_segments_ascii);

void BM_segments_mixed(benchmark::State& state) { count_corpus(state, mixed_messages); }
BENCHMARK(BM_segments_mixed);

// Links as marketing SMS writes them outside ASCII: internationalized hosts and top-level
// domains, links glued to emoji, punctuation and CJK text, e-mail addresses beside links.
const std::vector<std::string> international_messages = {
    "Abstimmen bis Sonntag: http://www.bürgerentscheid-krankenhäuser.de/abstimmung – danke!",
    "Акция до пятницы! Подробнее: https://пример.рф/акция или президент.рф 🎁",
    "🎁https://acme.fr/promo -50% sur tout ! Infos:https://acme.fr/faq ou jean.de+promo@gmail.com",
    "Soldes➡️https://www.crème-brûlée.fr/promo 👉acme.fr/soldes (offre limitée) Offre•acme.fr/x",
    "いまなにしてるhttp://example.com/これは日本語です。詳しくはacme.jp/xで（http://example.com）",
    "Lea ELPAÍS.com hoy: https://münchen.de/veranstaltungen y www.öko.de/angebote, ¡gracias!",
    "مرحبا! عرض خاص على https://acme.example/ar لمدة يومين فقط",
    "ΠΡΟΣΦΟΡΑ: https://παράδειγμα.ελ/α και xn--e1afmkfd.xn--p1ai/x σήμερα",
};

void detect_urls(benchmark::State& state, const std::vector<std::string>& corpus) {
  std::size_t bytes = 0;
  for (const auto& message : corpus) bytes += message.size();
  for (auto _ : state) {
    for (const auto& message : corpus) {
      for (auto url = smstrack::find_url(message); url; url = smstrack::find_url(message, url->offset + url->length)) {
        benchmark::DoNotOptimize(url);
      }
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

void BM_url_detection(benchmark::State& state) {
  std::vector<std::string> corpus = ascii_messages;
  corpus.insert(corpus.end(), mixed_messages.begin(), mixed_messages.end());
  detect_urls(state, corpus);
}
BENCHMARK(BM_url_detection);

void BM_url_detection_international(benchmark::State& state) { detect_urls(state, international_messages); }
BENCHMARK(BM_url_detection_international);

// What an analysis does for each recipient: render the personalized message with its two
// tracking links (one token signature each) and count its encoding and parts. One iteration is
// one million recipients, with first names in and out of GSM-7.
void BM_render_count(benchmark::State& state) {
  const auto content = smstrack::message_template::parse(
                           "Hi {{first_name}}! Black Friday: -40% on all until midnight: https://acme.example/bf "
                           "Stop: https://acme.example/stop")
                           .value();
  const auto links = smstrack::links_of(42, content, {});
  smstrack::rendering_options options;
  options.tracking_host = "t.acme.example";
  options.signer =
      smstrack::token_signer::make(smstrack::make_tracking_key(1, "5f3c9a1e7b2d4068a1c3e5f7092b4d6e").value()).value();
  const auto renderer = smstrack::message_renderer::make(42, content, links.urls, options).value();
  const char* names[] = {"Emma", "Lucas", "Zoë", "Jürgen", "Łukasz", "Sofía", "Giulia", "Noé", "Daan", "Анна"};
  std::vector<std::vector<smstrack::recipient_field>> fields;
  for (const char* name : names) fields.push_back({{"first_name", name}});
  constexpr smstrack::log_id recipients = 1'000'000;
  std::string message;
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::size_t parts = 0;
    for (smstrack::log_id log = 1; log <= recipients; ++log) {
      message.clear();
      parts += renderer.render(log, fields[log % fields.size()], message).value().segments;
      bytes += message.size();
    }
    benchmark::DoNotOptimize(parts);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * recipients);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_render_count)->Unit(benchmark::kMillisecond);

// A content as long as content may be, made of links: 64 KiB holding about 7 400 distinct URLs
// (and each one again). links_of registers them and a renderer is made from the registry, as
// analyse, configure_urls and tracker::renderer do under the delivery's lock.
void BM_many_links(benchmark::State& state) {
  std::string text;
  for (int i = 0; text.size() < 64 * 1024 - 40; ++i) text += "a" + std::to_string(i % 7400) + ".com/x ";
  const auto content = smstrack::message_template::parse(text).value();
  smstrack::rendering_options options;
  options.tracking_host = "t.acme.example";
  options.signer =
      smstrack::token_signer::make(smstrack::make_tracking_key(1, "5f3c9a1e7b2d4068a1c3e5f7092b4d6e").value()).value();
  std::size_t urls = 0;
  for (auto _ : state) {
    const auto links = smstrack::links_of(42, content, {});
    const auto renderer = smstrack::message_renderer::make(42, content, links.urls, options).value();
    urls = links.urls.size();
    benchmark::DoNotOptimize(renderer.tracked_links());
  }
  state.counters["distinct_urls"] = static_cast<double>(urls);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_many_links)->Unit(benchmark::kMillisecond);

}  // namespace
