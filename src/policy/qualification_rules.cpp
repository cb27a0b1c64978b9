#include <smstrack/policy/qualification_rules.hpp>

#include <smstrack/text/utf8.hpp>

SMSTRACK_BEGIN_NAMESPACE

result<void> validate(const qualification_settings& settings) {
  if (settings.provision_type == failure_type::not_defined) {
    return error{errc::invalid_settings, "the provision type of new qualification entries must be defined"};
  }
  if (settings.provision_reason == failure_reason::not_defined) {
    return error{errc::invalid_settings, "the provision reason of new qualification entries must be defined"};
  }
  if (settings.occurrence_cap == 0) return error{errc::invalid_settings, "the occurrence cap must be positive"};
  return {};
}

std::string qualification_key(std::string_view connector, std::string_view stat, std::string_view err) {
  std::string key;
  key.reserve(3 + connector.size() + 1 + stat.size() + 1 + err.size());
  key.append("SR ").append(connector).append(" ").append(stat);
  if (!err.empty()) key.append(" ").append(err);
  return key;
}

qualification_occurrence provision(std::string key, std::string_view raw_receipt, timestamp now,
                                   const qualification_settings& settings) {
  qualification_occurrence item;
  item.provision.key = std::move(key);
  item.provision.type = settings.provision_type;
  item.provision.reason = settings.provision_reason;
  item.provision.status = settings.provision_status;
  item.provision.first_text = storable_utf8(raw_receipt, settings.max_first_text_bytes);
  item.provision.last_modified = now;
  item.count = 1;
  return item;
}

result<void> check_requalification(const qualification_entry& entry) {
  if (!entry.key.starts_with("SR ") || entry.key.size() <= 3) {
    return error{errc::invalid_argument, "a qualification key has the form \"SR <connector> <stat> <err>\", not \"" +
                                             entry.key + "\""};
  }
  if (entry.type == failure_type::not_defined) {
    return error{errc::invalid_argument, "requalifying \"" + entry.key + "\" needs a failure type"};
  }
  if (entry.reason == failure_reason::not_defined) {
    return error{errc::invalid_argument, "requalifying \"" + entry.key + "\" needs a failure reason"};
  }
  return {};
}

SMSTRACK_END_NAMESPACE
