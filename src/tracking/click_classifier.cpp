#include <smstrack/tracking/click_classifier.hpp>

#include "agent_automaton.hpp"
#include "bot_patterns.hpp"
#include "../text/ascii.hpp"

#include <algorithm>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace {

using tracking_detail::bot_literal;

struct known_agent {
  bot_literal literal;  ///< pattern: the fetcher's name
  click_class kind;
};

// Fetchers that open links no person clicked, by a token of their user agent (lower case). The
// preview fetchers of messaging apps come first: an agent that names one and also matches an
// isbot pattern (iMessage's "... facebookexternalhit/1.1 Facebot Twitterbot/1.0") is a preview.
// Google Messages and newer Apple fetchers send a browser's user agent: the prefetch window and
// the host's network class catch those.
constexpr bot_literal anywhere(std::string_view name, std::string_view text) { return {name, text}; }
constexpr bot_literal at_start(std::string_view name, std::string_view text) { return {name, text, true}; }

constexpr known_agent known_agents[] = {
    {at_start("WhatsApp (and Signal, which borrows its name)", "whatsapp"), click_class::link_preview},
    {anywhere("Facebook, Messenger, iMessage and LINE previews", "facebookexternalhit"), click_class::link_preview},
    {anywhere("Telegram", "telegrambot"), click_class::link_preview},
    {anywhere("Slack", "slackbot"), click_class::link_preview},
    {anywhere("Slack image proxy", "slack-imgproxy"), click_class::link_preview},
    {anywhere("Discord", "discordbot"), click_class::link_preview},
    {anywhere("Twitter / X", "twitterbot"), click_class::link_preview},
    {anywhere("LinkedIn", "linkedinbot"), click_class::link_preview},
    {anywhere("Skype", "skypeuripreview"), click_class::link_preview},
    {anywhere("Microsoft Teams and Outlook", "microsoftpreview"), click_class::link_preview},
    {anywhere("Bing preview", "bingpreview"), click_class::link_preview},
    {anywhere("Snapchat", "snap url preview"), click_class::link_preview},
    {anywhere("KakaoTalk", "kakaotalk-scrap"), click_class::link_preview},
    {anywhere("Mattermost", "mattermost-bot"), click_class::link_preview},
    {anywhere("Embedly", "embedly"), click_class::link_preview},
    {anywhere("Iframely", "iframely"), click_class::link_preview},
    {anywhere("Google Safe Browsing", "google-safety"), click_class::security_scanner},
    {anywhere("Barracuda", "barracuda"), click_class::security_scanner},
    {anywhere("ClamAV", "clamav"), click_class::security_scanner},
    {anywhere("VirusTotal", "virustotal"), click_class::security_scanner},
    {anywhere("Bitdefender", "bitdefender"), click_class::security_scanner},
    {anywhere("Netcraft", "netcraft"), click_class::security_scanner},
    {anywhere("Censys", "censysinspect"), click_class::security_scanner},
};

/// Which verdict wins when an agent matches several entries: the lower the better.
constexpr int rank_of(click_class kind) noexcept {
  switch (kind) {
    case click_class::link_preview: return 0;
    case click_class::security_scanner: return 1;
    default: return 2;
  }
}

class agent_tables {
 public:
  agent_tables() : automaton_(build_entries()) {}
  agent_tables(const agent_tables&) = delete;  // the automaton points into entries_
  agent_tables& operator=(const agent_tables&) = delete;

  std::optional<user_agent_match> match(std::string_view agent) const {
    std::optional<user_agent_match> best;
    automaton_.scan(agent, [&](std::uint32_t index, std::size_t start, std::size_t end) {
      const bot_literal& entry = entries_[index];
      if (!tracking_detail::meets_conditions(entry, agent, start, end)) return true;
      const click_class kind = kinds_[index];
      if (!best || rank_of(kind) < rank_of(best->kind)) best = user_agent_match{kind, entry.pattern};
      return rank_of(kind) > 0;  // a preview fetcher cannot be beaten
    });
    if (best) return best;
    for (const tracking_detail::bot_shape& shape : tracking_detail::isbot_shape_table()) {
      if (tracking_detail::has_shape(shape.kind, agent)) return user_agent_match{click_class::crawler, shape.pattern};
    }
    return std::nullopt;
  }

 private:
  std::span<const bot_literal> build_entries() {
    for (const known_agent& known : known_agents) {
      entries_.push_back(known.literal);
      kinds_.push_back(known.kind);
    }
    for (const bot_literal& literal : tracking_detail::isbot_literal_table()) {
      entries_.push_back(literal);
      kinds_.push_back(click_class::crawler);
    }
    return entries_;
  }

  std::vector<bot_literal> entries_;
  std::vector<click_class> kinds_;
  tracking_detail::agent_automaton automaton_;  // after entries_: built from it
};

const agent_tables& tables() {
  static const agent_tables built;
  return built;
}

// tchar of RFC 9110 §5.6.2.
bool is_token_char(char c) noexcept {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

result<void> check_method(std::string_view method) {
  constexpr std::size_t longest = 32;
  if (method.size() > longest || !std::all_of(method.begin(), method.end(), is_token_char)) {
    std::string shown(method.substr(0, longest));
    std::replace_if(shown.begin(), shown.end(), [](char c) { return !is_token_char(c); }, '?');
    return error{errc::invalid_argument, "HTTP method \"" + shown + (method.size() > longest ? "...\"" : "\"") +
                                             " is not a token of at most 32 characters"};
  }
  return {};
}

// Methods are case-sensitive (RFC 9110 §9.1), but a host that lower-cases them means GET all the same.
bool is_get(std::string_view method) noexcept {
  return method.size() == 3 && ascii::starts_with_nocase(method, "GET");
}

std::string describe_agent(const user_agent_match& match) {
  const bool known = match.kind != click_class::crawler;
  return (known ? "user agent of " : "user agent matches isbot pattern \"") + std::string(match.name) +
         (known ? "" : "\"");
}

}  // namespace

std::optional<user_agent_match> match_user_agent(std::string_view user_agent) {
  if (user_agent.empty()) return std::nullopt;
  return tables().match(user_agent);
}

result<click_verdict> classify_click(const click_facts& facts, const click_classifier_settings& settings) {
  if (settings.prefetch_window < duration::zero()) {
    return error{errc::invalid_argument, "prefetch_window " + format_duration(settings.prefetch_window) +
                                             " is negative"};
  }
  if (auto method = check_method(facts.method); !method) return method.error();
  if (auto agent = match_user_agent(facts.user_agent)) return click_verdict{agent->kind, describe_agent(*agent)};
  if (!facts.method.empty() && !is_get(facts.method)) {
    return click_verdict{click_class::crawler, std::string(facts.method) + " request (a person's click is a GET)"};
  }
  if (facts.network == click_network::data_centre) {
    return click_verdict{click_class::security_scanner, "from a data-centre network"};
  }
  if (facts.since_ack && abs(*facts.since_ack) < settings.prefetch_window) {
    const duration delay = *facts.since_ack;
    const std::string when = delay >= duration::zero() ? format_duration(delay) + " after the ack"
                                                       : format_duration(-delay) + " before the ack was processed";
    return click_verdict{click_class::prefetch, when + " (prefetch window " + format_duration(settings.prefetch_window) + ")"};
  }
  return click_verdict{};
}

SMSTRACK_END_NAMESPACE
