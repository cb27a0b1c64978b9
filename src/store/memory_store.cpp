#include <smstrack/store/memory_store.hpp>

#include <smstrack/ports/port_checks.hpp>

#include <boost/container_hash/hash.hpp>
#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <tuple>
#include <utility>

SMSTRACK_BEGIN_NAMESPACE
namespace {

using read_lock = std::shared_lock<std::shared_mutex>;
using write_lock = std::unique_lock<std::shared_mutex>;

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return boost::hash<std::string_view>{}(s); }
};
struct string_equal {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
};

using port_checks::output_matches;

// Repeated texts (failure and receipt texts) stored once; index 0 is "no text".
class text_pool {
 public:
  std::uint32_t intern(std::string_view text) {
    if (text.empty()) return 0;
    if (const auto found = index_.find(text); found != index_.end()) return found->second;
    const auto id = static_cast<std::uint32_t>(texts_.size());
    texts_.emplace_back(text);
    index_.emplace(texts_.back(), id);
    return id;
  }
  [[nodiscard]] std::string_view get(std::uint32_t id) const { return texts_[id]; }
  [[nodiscard]] std::size_t bytes() const {
    std::size_t total = texts_.capacity() * sizeof(std::string) +
                        index_.size() * (sizeof(std::string) + sizeof(std::uint32_t) + 1);
    for (const std::string& t : texts_) total += t.capacity() > 15 ? 2 * (t.capacity() + 1) : 0;
    return total;
  }

 private:
  std::vector<std::string> texts_{std::string{}};
  boost::unordered_flat_map<std::string, std::uint32_t, string_hash, string_equal> index_;
};

// One delivery log, packed: 48 bytes.
struct packed_log {
  std::uint64_t address = 0;
  std::int64_t updated_ms = 0;
  recipient_key recipient = 0;
  log_id id = 0;
  std::uint32_t text = 0;      // text_pool index
  std::uint32_t provider = 0;  // index into delivery_logs::provider_ids, 0 = none
  std::uint16_t retries = 0;
  log_status status = log_status::pending;
  failure_type type = failure_type::not_defined;
  failure_reason reason = failure_reason::not_defined;
  bool seed = false;
};

phone_number address_of(const packed_log& row) {
  return row.address == 0 ? phone_number{} : phone_number::from_digits(row.address).value();
}

log_digest digest_of(const packed_log& row) {
  return {row.id, row.status, row.type, row.reason, row.seed, row.retries, from_unix_ms(row.updated_ms), address_of(row)};
}

// The logs of one delivery, ascending by id. A log whose id equals its position + 1 is found
// directly; the others through `sparse_`.
class delivery_logs {
 public:
  [[nodiscard]] const packed_log* find(log_id id) const {
    if (id >= 1 && id <= rows_.size() && rows_[id - 1].id == id) return &rows_[id - 1];
    const auto found = sparse_.find(id);
    return found == sparse_.end() ? nullptr : &rows_[found->second];
  }
  packed_log* find(log_id id) { return const_cast<packed_log*>(std::as_const(*this).find(id)); }

  [[nodiscard]] log_id max_id() const { return rows_.empty() ? 0 : rows_.back().id; }

  // Appends new rows (ids not stored yet), keeping the rows ascending by id.
  void append(std::vector<packed_log>&& fresh) {
    if (fresh.empty()) return;
    const bool keeps_order =
        std::is_sorted(fresh.begin(), fresh.end(), [](const auto& a, const auto& b) { return a.id < b.id; }) &&
        (rows_.empty() || fresh.front().id > rows_.back().id);
    const std::size_t first = rows_.size();
    rows_.insert(rows_.end(), fresh.begin(), fresh.end());
    if (!keeps_order) {
      std::sort(rows_.begin(), rows_.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
      rebuild_sparse_index();
      return;
    }
    for (std::size_t i = first; i < rows_.size(); ++i) {
      if (rows_[i].id != i + 1) sparse_.emplace(rows_[i].id, static_cast<std::uint32_t>(i));
    }
  }

  std::uint32_t add_provider_id(std::string_view provider_id) {
    provider_ids_.emplace_back(provider_id);
    return static_cast<std::uint32_t>(provider_ids_.size() - 1);
  }
  [[nodiscard]] std::string_view provider_id(std::uint32_t slot) const { return provider_ids_[slot]; }
  [[nodiscard]] const std::vector<std::string>& provider_ids() const { return provider_ids_; }
  [[nodiscard]] const std::vector<packed_log>& rows() const { return rows_; }

  [[nodiscard]] std::size_t bytes() const {
    std::size_t total = rows_.capacity() * sizeof(packed_log) +
                        sparse_.size() * (sizeof(log_id) + sizeof(std::uint32_t) + 1) +
                        provider_ids_.capacity() * sizeof(std::string);
    for (const std::string& p : provider_ids_) total += p.capacity() > 15 ? p.capacity() + 1 : 0;
    return total;
  }

  // First row with an id greater than `after`.
  [[nodiscard]] std::vector<packed_log>::const_iterator after(log_id id) const {
    return std::upper_bound(rows_.begin(), rows_.end(), id,
                            [](log_id value, const packed_log& row) { return value < row.id; });
  }

 private:
  void rebuild_sparse_index() {
    sparse_.clear();
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      if (rows_[i].id != i + 1) sparse_.emplace(rows_[i].id, static_cast<std::uint32_t>(i));
    }
  }

  std::vector<packed_log> rows_;
  boost::unordered_flat_map<log_id, std::uint32_t> sparse_;
  std::vector<std::string> provider_ids_{std::string{}};
};

// ---------------------------------------------------------------------------------------------

class memory_deliveries final : public delivery_store {
 public:
  result<delivery_id> create(const delivery& d) override {
    write_lock lock(mutex_);
    delivery stored = d;
    stored.id = ++last_id_;
    stored.revision = 1;
    rows_.emplace(stored.id, std::move(stored));
    return last_id_;
  }
  result<delivery> get(delivery_id id) override {
    read_lock lock(mutex_);
    const auto found = rows_.find(id);
    if (found == rows_.end()) return port_checks::unknown_delivery(id);
    return found->second;
  }
  result<std::uint64_t> update(const delivery& d) override {
    write_lock lock(mutex_);
    const auto found = rows_.find(d.id);
    if (found == rows_.end()) return port_checks::unknown_delivery(d.id);
    if (found->second.revision != d.revision) {
      return port_checks::revision_conflict(d.id, found->second.revision, d.revision);
    }
    found->second = d;
    return ++found->second.revision;
  }
  result<std::vector<delivery>> list(delivery_id after, std::size_t limit) override {
    read_lock lock(mutex_);
    std::vector<delivery> out;
    for (auto it = rows_.upper_bound(after); it != rows_.end() && out.size() < limit; ++it) {
      out.push_back(it->second);
    }
    return out;
  }

 private:
  std::shared_mutex mutex_;
  std::map<delivery_id, delivery> rows_;
  delivery_id last_id_ = 0;
};

// ---------------------------------------------------------------------------------------------

class memory_logs final : public log_store {
 public:
  result<void> insert(delivery_id delivery, std::span<const delivery_log> logs) override {
    if (auto owned = port_checks::logs_owned_by(logs, delivery); !owned) return owned;
    write_lock lock(mutex_);
    delivery_logs& bucket = deliveries_[delivery];
    std::vector<bool> already_stored(logs.size(), false);
    if (auto checked = check_insert(delivery, bucket, logs, already_stored); !checked) return checked;
    std::vector<packed_log> fresh;
    fresh.reserve(logs.size());
    for (std::size_t i = 0; i < logs.size(); ++i) {
      if (!already_stored[i]) fresh.push_back(pack(delivery, bucket, logs[i]));
    }
    bucket.append(std::move(fresh));
    return {};
  }

  result<void> update(delivery_id delivery, std::span<const log_update> changes,
                      std::span<write_outcome> out) override {
    if (auto sizes = output_matches(changes, out); !sizes) return sizes;
    write_lock lock(mutex_);
    const auto bucket = deliveries_.find(delivery);
    for (std::size_t i = 0; i < changes.size(); ++i) {
      packed_log* row = bucket == deliveries_.end() ? nullptr : bucket->second.find(changes[i].id);
      out[i] = row == nullptr ? write_outcome::not_found : apply(delivery, bucket->second, *row, changes[i]);
    }
    return {};
  }

  result<void> read_digests(delivery_id delivery, std::span<const log_id> ids,
                            std::span<std::optional<log_digest>> out) override {
    if (auto sizes = output_matches(ids, out); !sizes) return sizes;
    read_lock lock(mutex_);
    const auto bucket = deliveries_.find(delivery);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const packed_log* row = bucket == deliveries_.end() ? nullptr : bucket->second.find(ids[i]);
      out[i] = row == nullptr ? std::nullopt : std::optional<log_digest>(digest_of(*row));
    }
    return {};
  }

  result<std::vector<log_digest>> scan_digests(delivery_id delivery, log_id after, std::size_t limit) override {
    read_lock lock(mutex_);
    std::vector<log_digest> out;
    const auto bucket = deliveries_.find(delivery);
    if (bucket == deliveries_.end()) return out;
    const auto& rows = bucket->second.rows();
    for (auto it = bucket->second.after(after); it != rows.end() && out.size() < limit; ++it) {
      out.push_back(digest_of(*it));
    }
    return out;
  }

  result<void> get(delivery_id delivery, std::span<const log_id> ids,
                   std::span<std::optional<delivery_log>> out) override {
    if (auto sizes = output_matches(ids, out); !sizes) return sizes;
    read_lock lock(mutex_);
    const auto bucket = deliveries_.find(delivery);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const packed_log* row = bucket == deliveries_.end() ? nullptr : bucket->second.find(ids[i]);
      out[i] = row == nullptr ? std::nullopt : std::optional<delivery_log>(unpack(delivery, bucket->second, *row));
    }
    return {};
  }

  result<std::vector<delivery_log>> page(delivery_id delivery, const log_page_query& query) override {
    read_lock lock(mutex_);
    std::vector<delivery_log> out;
    const auto bucket = deliveries_.find(delivery);
    if (bucket == deliveries_.end()) return out;
    const auto& rows = bucket->second.rows();
    for (auto it = bucket->second.after(query.after); it != rows.end() && out.size() < query.limit; ++it) {
      if (query.status && it->status != *query.status) continue;
      out.push_back(unpack(delivery, bucket->second, *it));
    }
    return out;
  }

  result<void> find_by_provider_ids(std::span<const std::string_view> provider_ids,
                                    std::span<std::optional<log_ref>> out) override {
    if (auto sizes = output_matches(provider_ids, out); !sizes) return sizes;
    read_lock lock(mutex_);
    for (std::size_t i = 0; i < provider_ids.size(); ++i) {
      const auto found = provider_index_.find(provider_ids[i]);
      out[i] = found == provider_index_.end() ? std::nullopt : std::optional<log_ref>(found->second);
    }
    return {};
  }

  result<std::uint64_t> erase(delivery_id delivery) override {
    write_lock lock(mutex_);
    const auto bucket = deliveries_.find(delivery);
    if (bucket == deliveries_.end()) return std::uint64_t{0};
    for (std::size_t slot = 1; slot < bucket->second.provider_ids().size(); ++slot) {
      provider_index_.erase(bucket->second.provider_ids()[slot]);
    }
    const std::uint64_t removed = bucket->second.rows().size();
    deliveries_.erase(bucket);
    return removed;
  }

  [[nodiscard]] log_memory_usage memory() const {
    read_lock lock(mutex_);
    log_memory_usage usage;
    for (const auto& [id, bucket] : deliveries_) {
      usage.logs += bucket.rows().size();
      usage.bytes += bucket.bytes();
    }
    usage.bytes += provider_index_.size() * (sizeof(std::string) + sizeof(log_ref) + 1) + texts_.bytes();
    return usage;
  }

 private:
  result<void> check_insert(delivery_id delivery, const delivery_logs& bucket, std::span<const delivery_log> logs,
                            std::vector<bool>& already_stored) const {
    boost::unordered_flat_set<log_id> batch_ids;
    boost::unordered_flat_map<std::string_view, log_id> batch_provider_ids;
    log_id previous = bucket.max_id();
    bool ascending_new = true;
    for (std::size_t i = 0; i < logs.size(); ++i) {
      const delivery_log& log = logs[i];
      if (log.provider_id && !log.provider_id->empty()) {
        const auto taken = provider_index_.find(*log.provider_id);
        const auto [in_batch, fresh] = batch_provider_ids.emplace(*log.provider_id, log.id);
        if ((taken != provider_index_.end() && taken->second != log_ref{delivery, log.id}) ||
            (!fresh && in_batch->second != log.id)) {
          return port_checks::provider_id_recorded_elsewhere(*log.provider_id);
        }
      }
      ascending_new = ascending_new && log.id > previous;
      previous = log.id;
      if (ascending_new) continue;
      if (const packed_log* stored = bucket.find(log.id)) {
        if (unpack(delivery, bucket, *stored) != log) return port_checks::different_content("log", log.id);
        already_stored[i] = true;
        continue;
      }
      if (batch_ids.empty()) {
        for (std::size_t j = 0; j < i; ++j) batch_ids.insert(logs[j].id);
      }
      if (!batch_ids.insert(log.id).second) {
        const auto first = std::find_if(logs.begin(), logs.begin() + static_cast<std::ptrdiff_t>(i),
                                        [&](const delivery_log& l) { return l.id == log.id; });
        if (*first != log) return port_checks::different_content("log", log.id);
        already_stored[i] = true;
      }
    }
    return {};
  }

  // The packed row of a new log; records and indexes its provider id and interns its text.
  packed_log pack(delivery_id delivery, delivery_logs& bucket, const delivery_log& log) {
    packed_log row;
    row.address = log.address.digits();
    row.updated_ms = to_unix_ms(log.updated);
    row.recipient = log.recipient;
    row.id = log.id;
    row.text = log.text ? texts_.intern(*log.text) : 0;
    row.retries = log.retries;
    row.status = log.status;
    row.type = log.type;
    row.reason = log.reason;
    row.seed = log.seed;
    if (log.provider_id && !log.provider_id->empty()) {
      row.provider = bucket.add_provider_id(*log.provider_id);
      provider_index_.insert_or_assign(*log.provider_id, log_ref{delivery, log.id});
    }
    return row;
  }

  write_outcome apply(delivery_id delivery, delivery_logs& bucket, packed_log& row, const log_update& change) {
    if (row.status != change.expected) return write_outcome::conflict;
    if (!change.provider_id.empty()) {
      const auto taken = provider_index_.find(change.provider_id);
      if (taken != provider_index_.end() && taken->second != log_ref{delivery, row.id}) {
        return write_outcome::provider_id_taken;
      }
      if (taken == provider_index_.end()) {
        row.provider = bucket.add_provider_id(change.provider_id);
        provider_index_.emplace(std::string(change.provider_id), log_ref{delivery, row.id});
      }
    }
    if (!change.text.empty()) row.text = texts_.intern(change.text);
    row.status = change.status;
    row.type = change.type;
    row.reason = change.reason;
    row.retries = change.retries;
    row.updated_ms = to_unix_ms(change.updated);
    return write_outcome::applied;
  }

  delivery_log unpack(delivery_id delivery, const delivery_logs& bucket, const packed_log& row) const {
    delivery_log log;
    log.delivery = delivery;
    log.id = row.id;
    log.recipient = row.recipient;
    log.address = address_of(row);
    log.seed = row.seed;
    log.status = row.status;
    log.type = row.type;
    log.reason = row.reason;
    log.retries = row.retries;
    log.updated = from_unix_ms(row.updated_ms);
    if (row.provider != 0) log.provider_id = std::string(bucket.provider_id(row.provider));
    if (row.text != 0) log.text = std::string(texts_.get(row.text));
    return log;
  }

  mutable std::shared_mutex mutex_;
  boost::unordered_flat_map<delivery_id, delivery_logs> deliveries_;
  boost::unordered_flat_map<std::string, log_ref, string_hash, string_equal> provider_index_;
  text_pool texts_;
};

// ---------------------------------------------------------------------------------------------

class memory_exclusions final : public exclusion_store {
 public:
  result<void> insert(delivery_id delivery, std::span<const exclusion_log> rows) override {
    if (auto owned = port_checks::exclusions_owned_by(rows, delivery); !owned) return owned;
    write_lock lock(mutex_);
    auto& stored = deliveries_[delivery];
    std::map<std::uint32_t, const exclusion_log*> fresh;
    for (const exclusion_log& row : rows) {
      const auto existing = stored.find(row.id);
      const exclusion_log* other = existing != stored.end() ? &existing->second : nullptr;
      if (const auto in_batch = fresh.find(row.id); in_batch != fresh.end()) other = in_batch->second;
      if (other != nullptr && *other != row) {
        return port_checks::different_content("exclusion log", row.id);
      }
      if (other == nullptr) fresh.emplace(row.id, &row);
    }
    for (const auto& [id, row] : fresh) stored.emplace(id, *row);
    return {};
  }
  result<std::vector<exclusion_log>> page(delivery_id delivery, const exclusion_query& query) override {
    read_lock lock(mutex_);
    std::vector<exclusion_log> out;
    const auto found = deliveries_.find(delivery);
    if (found == deliveries_.end()) return out;
    for (auto it = found->second.upper_bound(query.after); it != found->second.end() && out.size() < query.limit; ++it) {
      if (query.reason && it->second.reason != *query.reason) continue;
      out.push_back(it->second);
    }
    return out;
  }
  result<std::vector<exclusion_cause>> causes(delivery_id delivery) override {
    read_lock lock(mutex_);
    std::map<std::pair<std::string, failure_reason>, std::uint64_t> counts;
    if (const auto found = deliveries_.find(delivery); found != deliveries_.end()) {
      for (const auto& [id, row] : found->second) ++counts[{row.rule, row.reason}];
    }
    std::vector<exclusion_cause> out;
    for (const auto& [key, count] : counts) out.push_back({key.first, key.second, count});
    return out;
  }
  result<std::uint64_t> erase(delivery_id delivery) override {
    write_lock lock(mutex_);
    const auto found = deliveries_.find(delivery);
    if (found == deliveries_.end()) return std::uint64_t{0};
    const std::uint64_t removed = found->second.size();
    deliveries_.erase(found);
    return removed;
  }

 private:
  std::shared_mutex mutex_;
  std::map<delivery_id, std::map<std::uint32_t, exclusion_log>> deliveries_;
};

// ---------------------------------------------------------------------------------------------

class memory_quarantine final : public quarantine_store {
 public:
  result<void> upsert(std::span<const quarantine_entry> entries) override {
    if (auto keyed = port_checks::quarantine_keys_present(entries); !keyed) return keyed;
    write_lock lock(mutex_);
    for (const quarantine_entry& entry : entries) {
      entries_.insert_or_assign(key_of(entry), entry);
      addresses_.insert(entry.address.digits());
    }
    return {};
  }
  result<void> get(std::span<const quarantine_key> keys, std::span<std::optional<quarantine_entry>> out) override {
    if (auto sizes = output_matches(keys, out); !sizes) return sizes;
    read_lock lock(mutex_);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (!addresses_.contains(keys[i].address.digits())) {  // most addresses have no entry
        out[i].reset();
        continue;
      }
      const auto found = entries_.find({keys[i].address.digits(), keys[i].short_code});
      out[i] = found == entries_.end() ? std::nullopt : std::optional<quarantine_entry>(found->second);
    }
    return {};
  }
  result<std::vector<quarantine_entry>> page(const quarantine_query& query) override {
    read_lock lock(mutex_);
    std::vector<quarantine_entry> out;
    auto it = query.after ? entries_.upper_bound({query.after->address.digits(), query.after->short_code})
                          : entries_.begin();
    for (; it != entries_.end() && out.size() < query.limit; ++it) {
      if (query.status && it->second.status != *query.status) continue;
      out.push_back(it->second);
    }
    return out;
  }
  result<std::uint64_t> count_quarantined_by(delivery_id delivery) override {
    read_lock lock(mutex_);
    std::uint64_t count = 0;
    for (const auto& [stored_key, entry] : entries_) {
      const bool held = entry.status == quarantine_status::quarantine || entry.status == quarantine_status::denylisted;
      if (held && entry.quarantined_by == delivery) ++count;
    }
    return count;
  }

 private:
  using key = std::pair<std::uint64_t, std::string>;
  static key key_of(const quarantine_entry& e) { return {e.address.digits(), e.short_code}; }
  std::shared_mutex mutex_;
  std::map<key, quarantine_entry> entries_;
  boost::unordered_flat_set<std::uint64_t> addresses_;  // the addresses that have an entry
};

// ---------------------------------------------------------------------------------------------

class memory_qualification final : public qualification_store {
 public:
  result<void> upsert(std::span<const qualification_entry> entries) override {
    if (auto keyed = port_checks::qualification_keys_present(entries); !keyed) return keyed;
    write_lock lock(mutex_);
    for (const qualification_entry& entry : entries) entries_.insert_or_assign(entry.key, entry);
    return {};
  }
  result<void> record(std::span<const qualification_occurrence> items, std::uint32_t cap,
                      std::span<qualification_entry> out) override {
    if (auto sizes = output_matches(items, out); !sizes) return sizes;
    if (auto keyed = port_checks::qualification_keys_present(items); !keyed) return keyed;
    write_lock lock(mutex_);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const qualification_occurrence& item = items[i];
      auto found = entries_.find(item.provision.key);
      if (found == entries_.end()) {
        qualification_entry entry = item.provision;
        entry.occurrences = std::min(item.count, cap);
        found = entries_.emplace(entry.key, std::move(entry)).first;
      } else {
        const std::uint64_t total = std::uint64_t{found->second.occurrences} + item.count;
        found->second.occurrences = static_cast<std::uint32_t>(std::min<std::uint64_t>(total, cap));
        found->second.last_modified = item.provision.last_modified;
      }
      out[i] = found->second;
    }
    return {};
  }
  result<void> get(std::span<const std::string_view> keys, std::span<std::optional<qualification_entry>> out) override {
    if (auto sizes = output_matches(keys, out); !sizes) return sizes;
    read_lock lock(mutex_);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const auto found = entries_.find(keys[i]);
      out[i] = found == entries_.end() ? std::nullopt : std::optional<qualification_entry>(found->second);
    }
    return {};
  }
  result<std::vector<qualification_entry>> page(std::string_view after, std::size_t limit) override {
    read_lock lock(mutex_);
    std::vector<qualification_entry> out;
    for (auto it = entries_.upper_bound(after); it != entries_.end() && out.size() < limit; ++it) {
      out.push_back(it->second);
    }
    return out;
  }

 private:
  std::shared_mutex mutex_;
  std::map<std::string, qualification_entry, std::less<>> entries_;
};

// ---------------------------------------------------------------------------------------------

class memory_tracking final : public tracking_store {
 public:
  result<void> upsert_urls(delivery_id delivery, std::span<const tracked_url> urls) override {
    if (auto owned = port_checks::urls_owned_by(urls, delivery); !owned) return owned;
    write_lock lock(mutex_);
    auto& stored = deliveries_[delivery].urls;
    for (const tracked_url& url : urls) stored.insert_or_assign(url.id, url);
    return {};
  }
  result<std::vector<tracked_url>> urls(delivery_id delivery) override {
    read_lock lock(mutex_);
    std::vector<tracked_url> out;
    if (const auto found = deliveries_.find(delivery); found != deliveries_.end()) {
      for (const auto& [id, url] : found->second.urls) out.push_back(url);
    }
    return out;
  }
  result<std::vector<event_id>> add_clicks(std::span<const click> clicks) override {
    write_lock lock(mutex_);
    for (const click& c : clicks) {
      const auto found = deliveries_.find(c.delivery);
      if (found == deliveries_.end() || !found->second.urls.contains(c.url)) {
        return port_checks::unregistered_url(c.url, c.delivery);
      }
    }
    std::vector<event_id> ids;
    ids.reserve(clicks.size());
    for (const click& c : clicks) {
      click stored = c;
      stored.id = ++last_click_id_;
      deliveries_[c.delivery].clicks.push_back(std::move(stored));
      ids.push_back(last_click_id_);
    }
    return ids;
  }
  result<std::vector<click>> clicks(delivery_id delivery, event_id after, std::size_t limit) override {
    read_lock lock(mutex_);
    std::vector<click> out;
    const auto found = deliveries_.find(delivery);
    if (found == deliveries_.end()) return out;
    const auto& all = found->second.clicks;
    auto it = std::upper_bound(all.begin(), all.end(), after, [](event_id v, const click& c) { return v < c.id; });
    for (; it != all.end() && out.size() < limit; ++it) out.push_back(*it);
    return out;
  }
  result<std::vector<url_click_count>> click_counts(delivery_id delivery) override {
    read_lock lock(mutex_);
    std::vector<url_click_count> out;
    const auto found = deliveries_.find(delivery);
    if (found == deliveries_.end()) return out;
    std::map<url_id, std::pair<std::uint64_t, boost::unordered_flat_set<log_id>>> counts;
    for (const auto& [id, url] : found->second.urls) counts[id];
    for (const click& c : found->second.clicks) {
      auto& [clicks, logs] = counts[c.url];
      ++clicks;
      logs.insert(c.log);
    }
    for (const auto& [id, count] : counts) out.push_back({id, count.first, count.second.size()});
    return out;
  }
  result<std::uint64_t> distinct_clickers(delivery_id delivery, std::span<const url_id> urls) override {
    read_lock lock(mutex_);
    const auto found = deliveries_.find(delivery);
    if (found == deliveries_.end()) return std::uint64_t{0};
    const boost::unordered_flat_set<url_id> wanted(urls.begin(), urls.end());
    boost::unordered_flat_set<log_id> logs;
    for (const click& c : found->second.clicks) {
      if (wanted.contains(c.url)) logs.insert(c.log);
    }
    return std::uint64_t{logs.size()};
  }

 private:
  struct delivery_tracking {
    std::map<url_id, tracked_url> urls;
    std::vector<click> clicks;  // ascending by id
  };
  std::shared_mutex mutex_;
  std::map<delivery_id, delivery_tracking> deliveries_;
  event_id last_click_id_ = 0;
};

// ---------------------------------------------------------------------------------------------

class memory_audit final : public audit_store {
 public:
  result<std::vector<event_id>> append(std::span<const audit_event> events) override {
    write_lock lock(mutex_);
    std::vector<event_id> ids;
    ids.reserve(events.size());
    for (const audit_event& event : events) {
      audit_event stored = event;
      stored.id = ++last_id_;
      journals_[event.delivery].push_back(std::move(stored));
      ids.push_back(last_id_);
    }
    return ids;
  }
  result<std::vector<audit_event>> query(delivery_id delivery, const audit_query& q) override {
    std::vector<audit_event> matching;
    {
      read_lock lock(mutex_);
      const auto found = journals_.find(delivery);
      if (found == journals_.end()) return matching;
      for (const audit_event& event : found->second) {
        if (matches(event, q)) matching.push_back(event);
      }
    }
    std::sort(matching.begin(), matching.end(), [](const audit_event& a, const audit_event& b) {
      return std::tie(a.time, a.id) > std::tie(b.time, b.id);
    });
    if (matching.size() > q.limit) matching.resize(q.limit);
    return matching;
  }

 private:
  static bool matches(const audit_event& event, const audit_query& q) {
    if (event.severity < q.min_severity) return false;
    if (q.from && event.time < *q.from) return false;
    if (q.to && event.time >= *q.to) return false;
    if (q.before && std::tie(event.time, event.id) >= std::tie(q.before->time, q.before->id)) return false;
    return true;
  }
  std::shared_mutex mutex_;
  std::map<delivery_id, std::vector<audit_event>> journals_;
  event_id last_id_ = 0;
};

}  // namespace

struct memory_store::parts {
  memory_deliveries deliveries;
  memory_logs logs;
  memory_exclusions exclusions;
  memory_quarantine quarantine;
  memory_qualification qualification;
  memory_tracking tracking;
  memory_audit audit;
};

memory_store::memory_store() : parts_(std::make_unique<parts>()) {}
memory_store::~memory_store() = default;

delivery_store& memory_store::deliveries() { return parts_->deliveries; }
log_store& memory_store::logs() { return parts_->logs; }
exclusion_store& memory_store::exclusions() { return parts_->exclusions; }
quarantine_store& memory_store::quarantine() { return parts_->quarantine; }
qualification_store& memory_store::qualification() { return parts_->qualification; }
tracking_store& memory_store::tracking() { return parts_->tracking; }
audit_store& memory_store::audit() { return parts_->audit; }

log_memory_usage memory_store::log_memory() const { return parts_->logs.memory(); }

SMSTRACK_END_NAMESPACE
