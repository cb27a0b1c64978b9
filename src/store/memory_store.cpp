#include <smstrack/store/memory_store.hpp>

#include <smstrack/ports/port_checks.hpp>

#include "log_rows.hpp"
#include "quarantine_rows.hpp"
#include "text_pool.hpp"

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include <algorithm>
#include <bitset>
#include <deque>
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

using port_checks::output_matches;

using store_detail::compact_id;
using store_detail::delivery_logs;
using store_detail::packed_log;
using store_detail::row_handle;
using store_detail::pack_entry;
using store_detail::packed_quarantine_entry;
using store_detail::text_pool;
using store_detail::unpack_entry;

phone_number address_of(const packed_log& row) { return store_detail::unpacked_address(row.address); }

log_digest digest_of(const delivery_logs& bucket, const packed_log& row) {
  const store_detail::attempt_times times = bucket.times(row);
  const store_detail::log_counts counts = bucket.counts(row);
  return {row.id,          row.status,      row.type,       row.reason,    row.seed(),
          counts.retries,  from_unix_ms(row.updated_ms), address_of(row), times.submitted, times.acked,
          row.network(),   row.receipt_timed_out(),      counts.parts,    counts.encoding};
}

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

  // ----- a unit of work (memory_store::commit), under lock_for_commit --------------------
  [[nodiscard]] write_lock lock_for_commit() { return write_lock(mutex_); }
  [[nodiscard]] result<void> check_revision(const delivery& d) const {
    const auto found = rows_.find(d.id);
    if (found == rows_.end()) return port_checks::unknown_delivery(d.id);
    if (found->second.revision != d.revision) return port_checks::revision_conflict(d.id, found->second.revision, d.revision);
    return {};
  }
  void replace_checked(const delivery& d) {
    delivery& stored = rows_.at(d.id);
    stored = d;
    ++stored.revision;
  }

 private:
  std::shared_mutex mutex_;
  std::map<delivery_id, delivery> rows_;
  delivery_id last_id_ = 0;
};

// ---------------------------------------------------------------------------------------------

class memory_logs final : public log_store {
 public:
  explicit memory_logs(text_pool& texts) : texts_(texts) {}

  result<void> insert(delivery_id delivery, std::span<const delivery_log> logs) override {
    if (auto owned = port_checks::logs_owned_by(logs, delivery); !owned) return owned;
    write_lock lock(mutex_);
    delivery_logs& bucket = bucket_of(delivery);
    std::vector<bool> already_stored(logs.size(), false);
    if (auto checked = check_insert(delivery, bucket, logs, already_stored); !checked) return checked;
    const auto fresh_count = static_cast<std::size_t>(std::count(already_stored.begin(), already_stored.end(), false));
    if (!bucket.has_room_for(fresh_count)) return store_full();
    std::vector<packed_log> fresh;
    fresh.reserve(fresh_count);
    for (std::size_t i = 0; i < logs.size(); ++i) {
      if (!already_stored[i]) fresh.push_back(pack(bucket, logs[i]));
    }
    // Rows that arrive out of order move the stored ones: those are indexed again.
    const bool in_order = bucket.keeps_order(fresh);
    if (!in_order) unindex_rows(bucket, bucket.size());
    const std::uint32_t first = in_order ? bucket.size() : 0;
    bucket.append(fresh);
    index_rows(bucket, first);
    return {};
  }

  result<void> update(delivery_id delivery, std::span<const log_update> changes,
                      std::span<write_outcome> out) override {
    if (auto sizes = output_matches(changes, out); !sizes) return sizes;
    const auto new_ids = static_cast<std::size_t>(
        std::count_if(changes.begin(), changes.end(), [](const log_update& c) { return !c.provider_id.empty(); }));
    if (new_ids > 0) {  // recording ids changes the index: the whole store waits
      write_lock lock(mutex_);
      if (extras_.size() + new_ids > max_extras) return store_full();
      apply_all(find_bucket(delivery), changes, out);
      return {};
    }
    // Status changes touch only their delivery's rows: other deliveries go on meanwhile.
    read_lock lock(mutex_);
    delivery_logs* bucket = find_bucket(delivery);
    const auto rows = lock_rows(bucket);
    apply_all(bucket, changes, out);
    return {};
  }

  // ----- a unit of work (memory_store::commit) ---------------------------------------------
  /// The locks a unit's updates need, as `update` takes them: the whole store when provider ids
  /// are recorded, else the delivery's rows under the store's shared lock.
  /// A provider id as the index looks it up: packed inline when it fits, else its characters.
  struct id_key {
    compact_id packed = 0;  // 0 when kept aside
    std::string_view chars;
    std::uint64_t hash = 0;
  };
  /// A change of a unit that would apply: its row, and the provider id it records if new.
  struct planned_change {
    std::uint32_t position = 0;
    bool new_provider_id = false;
    id_key key;
  };
  /// What a unit's earlier changes did, as would_apply checks the later ones. Most units change
  /// each log once: `touched` filters the ids an earlier change may have set (a clear bit is
  /// certain), and only a set bit looks back through the earlier changes.
  struct unit_check {
    std::span<const log_update> changes;
    std::span<const write_outcome> outcomes;
    std::bitset<1U << 16> touched;
    struct recorded_key {
      std::string_view id;
      std::uint64_t hash = 0;
      bool operator==(const recorded_key& other) const noexcept { return id == other.id; }
    };
    struct recorded_hash {
      using is_avalanching = std::true_type;
      std::size_t operator()(const recorded_key& key) const noexcept { return key.hash; }
    };
    boost::unordered_flat_map<recorded_key, log_id, recorded_hash> recorded_here;  // provider ids so far
    /// The status change `i`'s log holds after the unit's earlier changes.
    [[nodiscard]] log_status status_before(std::size_t i, log_status stored) const {
      const log_id id = changes[i].id;
      if (!touched.test(id & 0xFFFFU)) return stored;
      for (std::size_t j = i; j-- > 0;) {
        if (changes[j].id == id && outcomes[j] == write_outcome::applied) return changes[j].status;
      }
      return stored;
    }
  };
  struct commit_locks {
    read_lock shared;
    write_lock exclusive;
    std::unique_lock<std::mutex> rows;
  };
  [[nodiscard]] commit_locks lock_for_commit(delivery_id delivery, std::span<const log_update> changes) {
    commit_locks locks;
    if (std::any_of(changes.begin(), changes.end(), [](const log_update& c) { return !c.provider_id.empty(); })) {
      locks.exclusive = write_lock(mutex_);
    } else {
      locks.shared = read_lock(mutex_);
      locks.rows = lock_rows(find_bucket(delivery));
    }
    return locks;
  }
  /// What each change would meet, without writing: whether all of them would apply. The rows'
  /// positions and whether each provider id is new go to `plan`, for apply_checked.
  [[nodiscard]] result<bool> would_apply(delivery_id delivery, std::span<const log_update> changes,
                                         std::span<write_outcome> out, std::vector<planned_change>& plan) const {
    const std::size_t new_ids = static_cast<std::size_t>(
        std::count_if(changes.begin(), changes.end(), [](const log_update& c) { return !c.provider_id.empty(); }));
    if (extras_.size() + new_ids > max_extras) return store_full();
    const delivery_logs* bucket = find_bucket(delivery);
    auto check = std::make_unique<unit_check>();
    check->changes = changes;
    check->outcomes = out;
    check->recorded_here.reserve(new_ids);
    plan.resize(changes.size());
    bool all = true;
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const auto position = bucket == nullptr ? std::nullopt : bucket->position_of_id(changes[i].id);
      out[i] = position ? would_meet(*bucket, *position, i, *check, plan[i]) : write_outcome::not_found;
      all = all && out[i] == write_outcome::applied;
    }
    return all;
  }
  /// Applies changes that would_apply accepted with `plan`, under the same locks.
  void apply_checked(delivery_id delivery, std::span<const log_update> changes, std::span<const planned_change> plan) {
    if (changes.empty()) return;  // a unit of clicks or replies: its delivery may hold no logs
    delivery_logs& bucket = *find_bucket(delivery);
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const log_update& change = changes[i];
      if (plan[i].new_provider_id) add_provider_id(bucket, plan[i].position, plan[i].key);
      write_fields(bucket, bucket.row(plan[i].position), change);
    }
  }

  result<void> read_digests(delivery_id delivery, std::span<const log_id> ids,
                            std::span<std::optional<log_digest>> out) override {
    if (auto sizes = output_matches(ids, out); !sizes) return sizes;
    read_lock lock(mutex_);
    const delivery_logs* bucket = find_bucket(delivery);
    const auto rows = lock_rows(bucket);
    if (bucket != nullptr) {
      for (const log_id id : ids) bucket->prefetch(id);
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const packed_log* row = bucket == nullptr ? nullptr : bucket->find(ids[i]);
      out[i] = row == nullptr ? std::nullopt : std::optional<log_digest>(digest_of(*bucket, *row));
    }
    return {};
  }

  result<std::vector<log_digest>> scan_digests(delivery_id delivery, log_id after, std::size_t limit) override {
    read_lock lock(mutex_);
    std::vector<log_digest> out;
    const delivery_logs* bucket = find_bucket(delivery);
    if (bucket == nullptr) return out;
    const auto rows = lock_rows(bucket);
    for (std::uint32_t p = bucket->after(after); p < bucket->size() && out.size() < limit; ++p) {
      out.push_back(digest_of(*bucket, bucket->row(p)));
    }
    return out;
  }

  result<void> get(delivery_id delivery, std::span<const log_id> ids,
                   std::span<std::optional<delivery_log>> out) override {
    if (auto sizes = output_matches(ids, out); !sizes) return sizes;
    read_lock lock(mutex_);
    const delivery_logs* bucket = find_bucket(delivery);
    const auto rows = lock_rows(bucket);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const packed_log* row = bucket == nullptr ? nullptr : bucket->find(ids[i]);
      out[i] = row == nullptr ? std::nullopt : std::optional<delivery_log>(unpack(*bucket, *row));
    }
    return {};
  }

  result<std::vector<delivery_log>> page(delivery_id delivery, const log_page_query& query) override {
    read_lock lock(mutex_);
    std::vector<delivery_log> out;
    const delivery_logs* bucket = find_bucket(delivery);
    if (bucket == nullptr) return out;
    const auto rows = lock_rows(bucket);
    for (std::uint32_t p = bucket->after(query.after); p < bucket->size() && out.size() < query.limit; ++p) {
      const packed_log& row = bucket->row(p);
      if (query.status && row.status != *query.status) continue;
      delivery_log log = unpack(*bucket, row);
      if (query.address && log.address != *query.address) continue;
      out.push_back(std::move(log));
    }
    return out;
  }

  // Hashes every id and prefetches its index line first, then the rows the lines point to, so
  // that the batch waits for memory once rather than once per id.
  result<void> find_by_provider_ids(std::span<const std::string_view> provider_ids,
                                    std::span<std::optional<log_ref>> out) override {
    if (auto sizes = output_matches(provider_ids, out); !sizes) return sizes;
    std::vector<id_key> keys;
    keys.reserve(provider_ids.size());
    for (const std::string_view id : provider_ids) keys.push_back(key_of(id));
    read_lock lock(mutex_);
    for (const id_key& key : keys) index_.prefetch(key.hash);
    for (const id_key& key : keys) {
      if (const auto handle = index_.likely_candidate(key.hash)) prefetch_entry(*handle);
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const auto handle = find_handle(keys[i]);
      out[i] = handle ? std::optional<log_ref>(ref_of(*handle)) : std::nullopt;
    }
    return {};
  }

  // One pass over every other delivery's rows, with a table of whichever side is smaller: the
  // addresses asked for, or the matching rows by address. O(logs stored + addresses).
  result<void> history(std::span<const phone_number> addresses, const history_query& query,
                       std::span<address_history> out) override {
    if (auto sizes = output_matches(addresses, out); !sizes) return sizes;
    std::array<bool, log_status_count> counted{};
    for (std::size_t s = 0; s < log_status_count; ++s) counted[s] = looks_at(query, static_cast<log_status>(s));
    const std::int64_t since = to_unix_ms(query.since);
    const auto each_match = [&](auto&& visit) {
      for (const auto& [delivery, bucket] : deliveries_) {
        if (delivery == query.excluding) continue;
        const auto rows = lock_rows(bucket.get());
        for (std::uint32_t p = 0; p < bucket->size(); ++p) {
          const packed_log& row = bucket->row(p);
          if (counted[static_cast<std::size_t>(row.status)] && row.updated_ms >= since) visit(delivery, row);
        }
      }
    };
    read_lock lock(mutex_);
    std::size_t stored = 0;
    for (const auto& [delivery, bucket] : deliveries_) stored += delivery == query.excluding ? 0 : bucket->size();
    boost::unordered_flat_map<std::uint64_t, address_history> by_address;
    if (stored < addresses.size()) {
      each_match([&](delivery_id delivery, const packed_log& row) {
        add_to_history(by_address[row.address], {delivery, row.id}, from_unix_ms(row.updated_ms));
      });
    } else {
      by_address.reserve(addresses.size());
      for (const phone_number address : addresses) by_address.try_emplace(address.digits());
      each_match([&](delivery_id delivery, const packed_log& row) {
        if (const auto slot = by_address.find(row.address); slot != by_address.end()) {
          add_to_history(slot->second, {delivery, row.id}, from_unix_ms(row.updated_ms));
        }
      });
    }
    for (std::size_t i = 0; i < addresses.size(); ++i) {
      const auto hit = by_address.find(addresses[i].digits());
      out[i] = hit == by_address.end() ? address_history{} : hit->second;
    }
    return {};
  }

  result<std::uint64_t> erase(delivery_id delivery) override {
    write_lock lock(mutex_);
    const auto found = deliveries_.find(delivery);
    if (found == deliveries_.end()) return std::uint64_t{0};
    delivery_logs& bucket = *found->second;
    unindex_rows(bucket, bucket.size());
    for (const std::uint32_t slot : bucket_extras(bucket)) {
      index_.erase(hash_of(extra_handle(slot)), extra_handle(slot));
      extras_[slot] = {};
      free_extras_.push_back(slot);
    }
    const std::uint64_t removed = bucket.size();
    deliveries_.erase(found);
    return removed;
  }

  [[nodiscard]] log_memory_usage memory() const {
    read_lock lock(mutex_);
    log_memory_usage usage;
    for (const auto& [id, bucket] : deliveries_) {
      usage.logs += bucket->size();
      usage.bytes += sizeof(delivery_logs) + bucket->bytes();
    }
    usage.bytes += index_.bytes() + pages_.bytes() + extras_.capacity() * sizeof(extra_id) + texts_.bytes();
    return usage;
  }

 private:
  // A provider id as the index sees it: inline, or the characters of an id kept aside.
  // An earlier provider id of a log that got another (each part of a multipart message).
  struct extra_id {
    compact_id id = 0;
    const delivery_logs* owner = nullptr;
    log_id log = 0;
  };
  static constexpr row_handle extra_bit = row_handle{1} << 31U;
  static constexpr std::size_t max_extras = extra_bit;
  static row_handle extra_handle(std::uint32_t slot) { return extra_bit | slot; }

  static std::uint64_t hash_chars(std::string_view chars) {
    return store_detail::hash_bytes(chars);
  }
  static id_key key_of(std::string_view id) {
    if (const auto packed = store_detail::pack_inline(id)) return {*packed, {}, store_detail::mix_hash(*packed)};
    return {0, id, hash_chars(id)};
  }

  static error store_full() {
    return error{errc::storage_failure, "the memory store holds as many log rows as its 31-bit row handles allow"};
  }

  delivery_logs& bucket_of(delivery_id delivery) {
    auto& slot = deliveries_[delivery];
    if (!slot) slot = std::make_unique<delivery_logs>(delivery, pages_);
    return *slot;
  }
  // The delivery's own lock, which row changes take under the store's shared lock.
  static std::unique_lock<std::mutex> lock_rows(const delivery_logs* bucket) {
    return bucket == nullptr ? std::unique_lock<std::mutex>{} : std::unique_lock(bucket->rows_mutex());
  }
  void apply_all(delivery_logs* bucket, std::span<const log_update> changes, std::span<write_outcome> out) {
    if (bucket != nullptr) {
      for (const log_update& change : changes) bucket->prefetch(change.id);
    }
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const auto position = bucket == nullptr ? std::nullopt : bucket->position_of_id(changes[i].id);
      out[i] = position ? apply(*bucket, *position, changes[i]) : write_outcome::not_found;
    }
  }
  delivery_logs* find_bucket(delivery_id delivery) const {
    const auto found = deliveries_.find(delivery);
    return found == deliveries_.end() ? nullptr : found->second.get();
  }

  // The provider id a handle stands for, and the delivery that keeps it.
  [[nodiscard]] std::pair<compact_id, const delivery_logs*> stored_id(row_handle handle) const {
    if ((handle & extra_bit) != 0) {
      const extra_id& e = extras_[handle & ~extra_bit];
      return {e.id, e.owner};
    }
    return {pages_.row(handle).provider, pages_.of(handle).owner};
  }
  void prefetch_entry(row_handle handle) const {
    if ((handle & extra_bit) != 0) __builtin_prefetch(&extras_[handle & ~extra_bit]);
    else __builtin_prefetch(&pages_.row(handle));
  }
  [[nodiscard]] std::uint64_t hash_of(row_handle handle) const {
    const auto [id, owner] = stored_id(handle);
    return store_detail::form_of(id) == store_detail::compact_id_form::aside ? hash_chars(owner->aside(id))
                                                                             : store_detail::mix_hash(id);
  }
  [[nodiscard]] std::optional<row_handle> find_handle(const id_key& key) const {
    return index_.find(key.hash, [&](row_handle handle) {
      const auto [id, owner] = stored_id(handle);
      if (key.packed != 0) return id == key.packed;
      return store_detail::form_of(id) == store_detail::compact_id_form::aside && owner->aside(id) == key.chars;
    });
  }
  [[nodiscard]] log_ref ref_of(row_handle handle) const {
    if ((handle & extra_bit) != 0) {
      const extra_id& e = extras_[handle & ~extra_bit];
      return {e.owner->delivery(), e.log};
    }
    return {pages_.of(handle).owner->delivery(), pages_.row(handle).id};
  }
  [[nodiscard]] std::optional<log_ref> find_ref(std::string_view provider_id) const {
    const auto handle = find_handle(key_of(provider_id));
    return handle ? std::optional<log_ref>(ref_of(*handle)) : std::nullopt;
  }

  void index(row_handle handle) {
    index_.insert(hash_of(handle), handle, [this](row_handle h) { return hash_of(h); });
  }
  // Indexes the provider ids of the rows at positions first.. .
  void index_rows(const delivery_logs& bucket, std::uint32_t first) {
    for (std::uint32_t p = first; p < bucket.size(); ++p) {
      if (bucket.row(p).provider != 0) index(bucket.handle_of(p));
    }
  }
  // Takes the provider ids of the rows at positions before `end` out of the index.
  void unindex_rows(const delivery_logs& bucket, std::uint32_t end) {
    for (std::uint32_t p = 0; p < end; ++p) {
      if (bucket.row(p).provider != 0) index_.erase(hash_of(bucket.handle_of(p)), bucket.handle_of(p));
    }
  }
  [[nodiscard]] std::vector<std::uint32_t> bucket_extras(const delivery_logs& bucket) const {
    std::vector<std::uint32_t> slots;
    for (std::uint32_t slot = 0; slot < extras_.size(); ++slot) {
      if (extras_[slot].owner == &bucket) slots.push_back(slot);
    }
    return slots;
  }

  // Records a further provider id of the row at `position`: the row keeps the newest, and the
  // one it had moves to the extra ids.
  void add_provider_id(delivery_logs& bucket, std::uint32_t position, const id_key& key) {
    packed_log& row = bucket.row(position);
    const row_handle handle = bucket.handle_of(position);
    if (row.provider != 0) {
      std::uint32_t slot = 0;
      if (free_extras_.empty()) {
        slot = static_cast<std::uint32_t>(extras_.size());
        extras_.emplace_back();
      } else {
        slot = free_extras_.back();
        free_extras_.pop_back();
      }
      index_.erase(hash_of(handle), handle);
      extras_[slot] = {row.provider, &bucket, row.id};
      index(extra_handle(slot));
    }
    row.provider = key.packed != 0 ? key.packed : bucket.keep_aside(key.chars);
    index(handle);
  }

  result<void> check_insert(delivery_id delivery, const delivery_logs& bucket, std::span<const delivery_log> logs,
                            std::vector<bool>& already_stored) const {
    boost::unordered_flat_set<log_id> batch_ids;
    boost::unordered_flat_map<std::string_view, log_id> batch_provider_ids;
    log_id previous = bucket.max_id();
    bool ascending_new = true;
    for (std::size_t i = 0; i < logs.size(); ++i) {
      const delivery_log& log = logs[i];
      if (log.provider_id && !log.provider_id->empty()) {
        const auto taken = find_ref(*log.provider_id);
        const auto [in_batch, fresh] = batch_provider_ids.emplace(*log.provider_id, log.id);
        if ((taken && *taken != log_ref{delivery, log.id}) || (!fresh && in_batch->second != log.id)) {
          return port_checks::provider_id_recorded_elsewhere(*log.provider_id);
        }
      }
      ascending_new = ascending_new && log.id > previous;
      previous = log.id;
      if (ascending_new) continue;
      if (const packed_log* stored = bucket.find(log.id)) {
        if (unpack(bucket, *stored) != log) return port_checks::different_content("log", log.id);
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

  // The packed row of a new log; keeps its provider id and interns its text. The caller indexes
  // the id once the row has its place.
  packed_log pack(delivery_logs& bucket, const delivery_log& log) {
    packed_log row;
    row.address = log.address.digits();
    row.updated_ms = to_unix_ms(log.updated);
    row.recipient = log.recipient;
    row.id = log.id;
    row.text = log.text ? texts_.intern(*log.text) : 0;
    bucket.set_counts(row, {log.retries, log.parts, log.encoding});
    row.status = log.status;
    row.type = log.type;
    row.reason = log.reason;
    row.set_marks(log.seed, log.receipt_timed_out, log.network);
    bucket.set_times(row, {log.submitted, log.acked});
    if (log.provider_id && !log.provider_id->empty()) {
      const id_key key = key_of(*log.provider_id);
      row.provider = key.packed != 0 ? key.packed : bucket.keep_aside(key.chars);
    }
    return row;
  }

  // What `apply` would do to the row at `position`, the unit's earlier changes counted; where
  // it applies, what apply_checked needs goes to `planned`.
  write_outcome would_meet(const delivery_logs& bucket, std::uint32_t position, std::size_t i, unit_check& check,
                           planned_change& planned) const {
    const log_update& change = check.changes[i];
    const packed_log& row = bucket.row(position);
    if (check.status_before(i, row.status) != change.expected) return write_outcome::conflict;
    planned = {position, false, {}};
    if (!change.provider_id.empty()) {
      planned.key = key_of(change.provider_id);
      const auto taken = find_handle(planned.key);
      if (taken && ref_of(*taken) != log_ref{bucket.delivery(), row.id}) return write_outcome::provider_id_taken;
      const auto [here, fresh] = check.recorded_here.try_emplace({change.provider_id, planned.key.hash}, row.id);
      if (!fresh && here->second != row.id) return write_outcome::provider_id_taken;
      planned.new_provider_id = !taken && fresh;
    }
    check.touched.set(row.id & 0xFFFFU);
    return write_outcome::applied;
  }

  // The fields a change writes on its row.
  void write_fields(delivery_logs& bucket, packed_log& row, const log_update& change) {
    if (!change.text.empty()) row.text = texts_.intern(change.text);
    row.status = change.status;
    row.type = change.type;
    row.reason = change.reason;
    bucket.set_retries(row, change.retries);
    row.updated_ms = to_unix_ms(change.updated);
    row.set_marks(row.seed(), change.receipt_timed_out, change.network);
    bucket.set_times(row, {change.submitted, change.acked});
  }

  write_outcome apply(delivery_logs& bucket, std::uint32_t position, const log_update& change) {
    packed_log& row = bucket.row(position);
    if (row.status != change.expected) return write_outcome::conflict;
    if (!change.provider_id.empty()) {
      const id_key key = key_of(change.provider_id);
      const auto taken = find_handle(key);
      if (taken && ref_of(*taken) != log_ref{bucket.delivery(), row.id}) return write_outcome::provider_id_taken;
      if (!taken) add_provider_id(bucket, position, key);
    }
    write_fields(bucket, row, change);
    return write_outcome::applied;
  }

  delivery_log unpack(const delivery_logs& bucket, const packed_log& row) const {
    delivery_log log;
    log.delivery = bucket.delivery();
    log.id = row.id;
    log.recipient = row.recipient;
    log.address = address_of(row);
    log.seed = row.seed();
    log.status = row.status;
    log.type = row.type;
    log.reason = row.reason;
    const store_detail::log_counts counts = bucket.counts(row);
    log.retries = counts.retries;
    log.parts = counts.parts;
    log.encoding = counts.encoding;
    log.updated = from_unix_ms(row.updated_ms);
    const store_detail::attempt_times times = bucket.times(row);
    log.submitted = times.submitted;
    log.acked = times.acked;
    log.network = row.network();
    log.receipt_timed_out = row.receipt_timed_out();
    if (row.provider != 0) log.provider_id = bucket.provider_id_text(row.provider);
    if (row.text != 0) log.text = std::string(texts_.get(row.text));
    return log;
  }

  mutable std::shared_mutex mutex_;
  store_detail::row_pages pages_;
  boost::unordered_flat_map<delivery_id, std::unique_ptr<delivery_logs>> deliveries_;
  store_detail::handle_index index_;
  std::vector<extra_id> extras_;
  std::vector<std::uint32_t> free_extras_;
  text_pool& texts_;  // shared with the quarantine entries
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
  result<void> set_rules(delivery_id delivery, std::span<const exclusion_rule> rules) override {
    if (auto named = port_checks::rules_named(rules); !named) return named;
    write_lock lock(mutex_);
    rules_[delivery].assign(rules.begin(), rules.end());
    return {};
  }
  result<std::vector<exclusion_cause>> causes(delivery_id delivery) override {
    read_lock lock(mutex_);
    std::map<std::pair<std::string, failure_reason>, std::uint64_t> counts;
    if (const auto found = deliveries_.find(delivery); found != deliveries_.end()) {
      for (const auto& [id, row] : found->second) ++counts[{row.rule, row.reason}];
    }
    std::vector<exclusion_cause> counted;
    for (const auto& [key, count] : counts) counted.push_back({key.first, key.second, count});
    const auto declared = rules_.find(delivery);
    if (declared == rules_.end()) return counted;
    return merge_causes(declared->second, counted);
  }
  result<std::uint64_t> erase(delivery_id delivery) override {
    write_lock lock(mutex_);
    rules_.erase(delivery);
    const auto found = deliveries_.find(delivery);
    if (found == deliveries_.end()) return std::uint64_t{0};
    const std::uint64_t removed = found->second.size();
    deliveries_.erase(found);
    return removed;
  }

 private:
  std::shared_mutex mutex_;
  std::map<delivery_id, std::map<std::uint32_t, exclusion_log>> deliveries_;
  std::map<delivery_id, std::vector<exclusion_rule>> rules_;
};

// ---------------------------------------------------------------------------------------------

// Entries sit packed in a deque (never moved), their texts in the store's text pool, and are
// found by hash of (address, short code id); the order that paging needs (address, then short
// code) is built when a page is asked for after an addition, so that receipts never pay for
// keeping it.
class memory_quarantine final : public quarantine_store {
 public:
  explicit memory_quarantine(text_pool& texts) : texts_(texts) {}

  result<void> upsert(std::span<const quarantine_entry> entries) override {
    if (auto keyed = port_checks::quarantine_keys_present(entries); !keyed) return keyed;
    const std::vector<packed_quarantine_entry> packed = pack(entries);  // nothing changes if that throws
    write_lock lock(mutex_);
    store_packed(packed);
    return {};
  }

  // ----- a unit of work (memory_store::commit): pack, then store under lock_for_commit ----
  [[nodiscard]] write_lock lock_for_commit() { return write_lock(mutex_); }
  [[nodiscard]] std::vector<packed_quarantine_entry> pack(std::span<const quarantine_entry> entries) {
    std::vector<packed_quarantine_entry> packed;
    packed.reserve(entries.size());
    for (const quarantine_entry& e : entries) {
      packed.push_back(pack_entry(e, texts_.intern(e.short_code), e.last_error_text ? texts_.intern(*e.last_error_text) : 0));
    }
    return packed;
  }
  void store_packed(std::span<const packed_quarantine_entry> packed) {
    for (const packed_quarantine_entry& entry : packed) {
      const auto [at, added] = index_.try_emplace(key{entry.address, entry.short_code}, static_cast<std::uint32_t>(entries_.size()));
      if (added) entries_.push_back(entry);
      else entries_[at->second] = entry;
    }
  }
  result<void> get(std::span<const quarantine_key> keys, std::span<std::optional<quarantine_entry>> out) override {
    if (auto sizes = output_matches(keys, out); !sizes) return sizes;
    read_lock lock(mutex_);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const auto place = find(keys[i]);
      out[i] = place ? std::optional<quarantine_entry>(unpack_entry(entries_[*place], texts_)) : std::nullopt;
    }
    return {};
  }
  result<std::vector<quarantine_entry>> page(const quarantine_query& query) override {
    write_lock lock(mutex_);  // may build the order
    if (order_.size() != entries_.size()) build_order();
    std::vector<quarantine_entry> out;
    auto it = order_.begin();
    if (query.after) {
      const sort_key after{query.after->address.digits(), query.after->short_code};
      it = std::upper_bound(order_.begin(), order_.end(), after,
                            [&](const sort_key& k, std::uint32_t e) { return k < sort_key_of(entries_[e]); });
    }
    for (; it != order_.end() && out.size() < query.limit; ++it) {
      const packed_quarantine_entry& entry = entries_[*it];
      if (query.status && entry.status != *query.status) continue;
      out.push_back(unpack_entry(entry, texts_));
    }
    return out;
  }
  result<std::uint64_t> count_quarantined_by(delivery_id delivery) override {
    read_lock lock(mutex_);
    std::uint64_t count = 0;
    for (const packed_quarantine_entry& entry : entries_) {
      const bool held = entry.status == quarantine_status::quarantine || entry.status == quarantine_status::denylisted;
      const bool by = (entry.present & store_detail::presence_quarantined_by) != 0 && entry.quarantined_by == delivery;
      if (held && by) ++count;
    }
    return count;
  }

 private:
  using key = std::pair<std::uint64_t, store_detail::text_id>;  // address, short code
  using sort_key = std::pair<std::uint64_t, std::string_view>;
  struct key_hash {
    using is_avalanching = void;
    std::size_t operator()(const key& k) const noexcept {
      return store_detail::mix_hash(k.first ^ (std::uint64_t{k.second} * 0x9e3779b97f4a7c15ULL));
    }
  };
  // The place of a key's entry; a short code the pool does not know has none.
  [[nodiscard]] std::optional<std::uint32_t> find(const quarantine_key& k) const {
    const auto short_code = texts_.find(k.short_code);
    if (!short_code) return std::nullopt;
    const auto found = index_.find(key{k.address.digits(), *short_code});
    return found == index_.end() ? std::nullopt : std::optional<std::uint32_t>(found->second);
  }
  [[nodiscard]] sort_key sort_key_of(const packed_quarantine_entry& e) const {
    return {e.address, texts_.get(e.short_code)};
  }
  // Each entry's sort key is read from the pool once, not at every comparison.
  void build_order() {
    std::vector<std::pair<sort_key, std::uint32_t>> keyed;
    keyed.reserve(entries_.size());
    for (std::uint32_t e = 0; e < entries_.size(); ++e) keyed.emplace_back(sort_key_of(entries_[e]), e);
    std::sort(keyed.begin(), keyed.end());
    order_.clear();
    for (const auto& entry : keyed) order_.push_back(entry.second);
  }

  text_pool& texts_;
  std::shared_mutex mutex_;
  std::deque<packed_quarantine_entry> entries_;
  boost::unordered_flat_map<key, std::uint32_t, key_hash> index_;  // key -> place in entries_
  std::vector<std::uint32_t> order_;                              // entries_ places in paging order
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
    record_checked(items, cap, out);
    return {};
  }

  // ----- a unit of work (memory_store::commit): under lock_for_commit ----------------------
  [[nodiscard]] write_lock lock_for_commit() { return write_lock(mutex_); }
  /// Counts checked items; out[i] receives the entry after item i (out may be empty).
  void record_checked(std::span<const qualification_occurrence> items, std::uint32_t cap,
                      std::span<qualification_entry> out) {
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
      if (!out.empty()) out[i] = found->second;
    }
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
  result<void> replace_urls(delivery_id delivery, std::span<const tracked_url> urls) override {
    if (auto owned = port_checks::urls_owned_by(urls, delivery); !owned) return owned;
    write_lock lock(mutex_);
    auto& stored = deliveries_[delivery].urls;
    stored.clear();
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
    if (auto registered = check_registered(clicks); !registered) return registered.error();
    std::vector<event_id> ids(clicks.size());
    store_checked(clicks, ids);
    return ids;
  }

  // ----- a unit of work (memory_store::commit): check, then store under lock_for_commit ---
  [[nodiscard]] write_lock lock_for_commit() { return write_lock(mutex_); }
  [[nodiscard]] result<void> check_registered(std::span<const click> clicks) const {
    for (const click& c : clicks) {
      const auto found = deliveries_.find(c.delivery);
      if (found == deliveries_.end() || !found->second.urls.contains(c.url)) {
        return port_checks::unregistered_url(c.url, c.delivery);
      }
    }
    return {};
  }
  /// Stores checked clicks; ids[i] receives the id of clicks[i].
  void store_checked(std::span<const click> clicks, std::span<event_id> ids) {
    for (std::size_t i = 0; i < clicks.size(); ++i) {
      click stored = clicks[i];
      stored.id = ++last_click_id_;
      deliveries_[stored.delivery].clicks.push_back(std::move(stored));
      ids[i] = last_click_id_;
    }
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
    std::map<url_id, std::pair<click_class_counts, boost::unordered_flat_set<log_id>>> counts;
    for (const auto& [id, url] : found->second.urls) counts[id];
    for (const click& c : found->second.clicks) {
      auto& [by_class, human_logs] = counts[c.url];
      ++by_class[c.kind];
      if (c.kind == click_class::human) human_logs.insert(c.log);
    }
    for (const auto& [id, count] : counts) out.push_back({id, count.first.total(), count.second.size(), count.first});
    return out;
  }
  result<std::uint64_t> distinct_human_clickers(delivery_id delivery, std::span<const url_id> urls) override {
    read_lock lock(mutex_);
    const auto found = deliveries_.find(delivery);
    if (found == deliveries_.end()) return std::uint64_t{0};
    const boost::unordered_flat_set<url_id> wanted(urls.begin(), urls.end());
    boost::unordered_flat_set<log_id> logs;
    for (const click& c : found->second.clicks) {
      if (c.kind == click_class::human && wanted.contains(c.url)) logs.insert(c.log);
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

// Events sit packed in a deque per delivery (never moved), their texts kept in the store's text
// pool (each line as it comes: journal lines seldom repeat).
class memory_audit final : public audit_store {
 public:
  explicit memory_audit(text_pool& texts) : texts_(texts) {}

  result<std::vector<event_id>> append(std::span<const audit_event> events) override {
    std::vector<packed_event> packed = pack(events);  // the texts first: nothing changes if that throws
    write_lock lock(mutex_);
    return store_packed(events, packed);
  }

  // ----- a unit of work (memory_store::commit): pack, then store under lock_for_commit ----
  struct packed_event {
    event_id id = 0;
    std::int64_t time_ms = 0;
    store_detail::text_id message = 0;
    store_detail::text_id details = 0;
    audit_severity severity = audit_severity::info;
    audit_code code = audit_code::delivery_created;
    bool has_details = false;
  };
  [[nodiscard]] write_lock lock_for_commit() { return write_lock(mutex_); }
  [[nodiscard]] std::vector<packed_event> pack(std::span<const audit_event> events) {
    std::vector<packed_event> packed;
    packed.reserve(events.size());
    for (const audit_event& e : events) {
      packed.push_back({0, to_unix_ms(e.time), texts_.keep(e.message), e.details ? texts_.keep(*e.details) : 0,
                        e.severity, e.code, e.details.has_value()});
    }
    return packed;
  }
  std::vector<event_id> store_packed(std::span<const audit_event> events, std::span<packed_event> packed) {
    std::vector<event_id> ids;
    ids.reserve(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
      packed[i].id = ++last_id_;
      journals_[events[i].delivery].push_back(packed[i]);
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
      for (const packed_event& event : found->second) {
        if (matches(event, q)) matching.push_back(unpack(delivery, event));
      }
    }
    std::sort(matching.begin(), matching.end(), [](const audit_event& a, const audit_event& b) {
      return std::tie(a.time, a.id) > std::tie(b.time, b.id);
    });
    if (matching.size() > q.limit) matching.resize(q.limit);
    return matching;
  }

 private:
  static bool matches(const packed_event& event, const audit_query& q) {
    const timestamp time = from_unix_ms(event.time_ms);
    if (event.severity < q.min_severity) return false;
    if (q.from && time < *q.from) return false;
    if (q.to && time >= *q.to) return false;
    if (q.before && std::tie(time, event.id) >= std::tie(q.before->time, q.before->id)) return false;
    return true;
  }
  [[nodiscard]] audit_event unpack(delivery_id delivery, const packed_event& p) const {
    audit_event e;
    e.delivery = delivery;
    e.id = p.id;
    e.time = from_unix_ms(p.time_ms);
    e.severity = p.severity;
    e.code = p.code;
    e.message = std::string(texts_.get(p.message));
    if (p.has_details) e.details = std::string(texts_.get(p.details));
    return e;
  }

  text_pool& texts_;
  std::shared_mutex mutex_;
  std::map<delivery_id, std::deque<packed_event>> journals_;
  event_id last_id_ = 0;
};

}  // namespace

// Replies in id order; few compared with logs, so a vector scanned per query is enough.
class memory_replies final : public reply_store {
 public:
  result<std::vector<event_id>> append(std::span<const reply_record> replies) override {
    if (auto addressed = port_checks::replies_addressed(replies); !addressed) return addressed.error();
    write_lock lock(mutex_);
    std::vector<event_id> ids(replies.size());
    store_checked(replies, ids);
    return ids;
  }

  // ----- a unit of work (memory_store::commit): under lock_for_commit ----------------------
  [[nodiscard]] write_lock lock_for_commit() { return write_lock(mutex_); }
  /// Stores checked replies; ids[i] receives the id of replies[i].
  void store_checked(std::span<const reply_record> replies, std::span<event_id> ids) {
    for (std::size_t i = 0; i < replies.size(); ++i) {
      reply_record stored = replies[i];
      stored.id = ++last_id_;
      stored_.push_back(std::move(stored));
      ids[i] = last_id_;
    }
  }
  result<std::vector<reply_record>> page(const reply_query& query) override {
    read_lock lock(mutex_);
    std::vector<reply_record> out;
    auto it = std::upper_bound(stored_.begin(), stored_.end(), query.after,
                               [](event_id v, const reply_record& r) { return v < r.id; });
    for (; it != stored_.end() && out.size() < query.limit; ++it) {
      if (!query.delivery || it->delivery == query.delivery) out.push_back(*it);
    }
    return out;
  }
  result<std::uint64_t> count_opt_outs(delivery_id delivery) override {
    read_lock lock(mutex_);
    return static_cast<std::uint64_t>(std::count_if(stored_.begin(), stored_.end(), [&](const reply_record& r) {
      return r.delivery == delivery && r.action == reply_action::send_to_quarantine;
    }));
  }

 private:
  std::shared_mutex mutex_;
  std::vector<reply_record> stored_;
  event_id last_id_ = 0;
};

struct memory_store::parts {
  text_pool texts;
  memory_deliveries deliveries;
  memory_logs logs{texts};
  memory_exclusions exclusions;
  memory_quarantine quarantine{texts};
  memory_qualification qualification;
  memory_tracking tracking;
  memory_audit audit{texts};
  memory_replies replies;
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
reply_store& memory_store::replies() { return parts_->replies; }

// The unit is checked whole under the locks of the parts it writes (deliveries, logs,
// qualification, quarantine, journal, clicks, replies: always in that order), then written: once
// the gate, the revision and the clicks' URLs pass, nothing can fail but memory, and the texts
// are packed before any write.
result<commit_status> memory_store::commit(const unit_of_work& unit, std::span<write_outcome> outcomes) {
  if (auto checked = check_unit(unit, outcomes); !checked) return checked.error();
  parts& p = *parts_;
  const auto deliveries_held = p.deliveries.lock_for_commit();
  if (unit.record != nullptr) {
    if (auto current = p.deliveries.check_revision(*unit.record); !current) return current.error();
  }
  const auto logs_held = p.logs.lock_for_commit(unit.delivery, unit.logs);
  std::vector<memory_logs::planned_change> plan;
  auto all_apply = p.logs.would_apply(unit.delivery, unit.logs, outcomes, plan);
  if (!all_apply) return all_apply.error();
  if (!*all_apply) return commit_status::logs_refused;
  const auto qualification_held = p.qualification.lock_for_commit();
  const auto quarantine_entries = p.quarantine.pack(unit.quarantine);
  auto journal_lines = p.audit.pack(unit.journal);
  const auto quarantine_held = p.quarantine.lock_for_commit();
  const auto audit_held = p.audit.lock_for_commit();
  const auto tracking_held = p.tracking.lock_for_commit();
  if (auto registered = p.tracking.check_registered(unit.clicks); !registered) return registered.error();
  const auto replies_held = p.replies.lock_for_commit();
  p.logs.apply_checked(unit.delivery, unit.logs, plan);
  p.qualification.record_checked(unit.occurrences, unit.occurrence_cap, {});
  p.quarantine.store_packed(quarantine_entries);
  (void)p.audit.store_packed(unit.journal, journal_lines);
  if (unit.record != nullptr) p.deliveries.replace_checked(*unit.record);
  p.tracking.store_checked(unit.clicks, unit.click_ids);
  p.replies.store_checked(unit.replies, unit.reply_ids);
  return commit_status::committed;
}

log_memory_usage memory_store::log_memory() const { return parts_->logs.memory(); }

SMSTRACK_END_NAMESPACE
