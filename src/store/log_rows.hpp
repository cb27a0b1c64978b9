// The memory store's log rows: 56 bytes a log, kept per delivery in slabs of up to 16 384 rows,
// with a 32-bit handle for every row so that the provider-id index can point at rows of any
// delivery.
//
// A handle is a page number (store-wide, from `row_pages`) and an offset in that page of 256
// rows. A delivery's first slab grows by doubling, so a small delivery takes little; later slabs
// are allocated whole, so a large delivery's rows sit in a few large allocations and waste at
// most one partly filled slab, with no growth slack proportional to the delivery and no copying.
#pragma once

#include "compact_provider_id.hpp"
#include "handle_index.hpp"

#include <smstrack/model/delivery_log.hpp>

#include <boost/unordered/unordered_flat_map.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace store_detail {

// An address as the packed forms keep it: its digits, 0 for none.
inline phone_number unpacked_address(std::uint64_t digits) {
  return digits == 0 ? phone_number{} : phone_number::from_digits(digits).value();
}

// A log's submit or ack time as its row keeps it: milliseconds before the row's last change
// (within about 24 days either side), or one of two marks.
inline constexpr std::int32_t no_time = std::numeric_limits<std::int32_t>::min();
inline constexpr std::int32_t time_aside = no_time + 1;  // too far from the last change: kept aside

// The submit and ack times of a log's attempt.
struct attempt_times {
  std::optional<timestamp> submitted;
  std::optional<timestamp> acked;
};

// A log's retries and its message's parts and encoding: one byte each in its row, or aside when
// the retries reach 255 or the message passes 84 parts (both marked counts_aside).
struct log_counts {
  std::uint16_t retries = 0;
  std::uint16_t parts = 0;
  sms_encoding encoding = sms_encoding::gsm7;
};
inline constexpr std::uint8_t counts_aside = 255;
inline constexpr std::uint16_t parts_in_row = 84;  // 3 encodings × 84 parts + "unknown" fit a byte

// The byte a message's parts and encoding take in a row (0: unknown); nothing when they do not fit.
inline std::optional<std::uint8_t> shape_byte(std::uint16_t parts, sms_encoding encoding) {
  if (parts == 0) return std::uint8_t{0};
  if (parts > parts_in_row) return std::nullopt;
  return static_cast<std::uint8_t>(dense_index(encoding) * parts_in_row + parts);
}

// One delivery log, packed: 56 bytes (48 beyond the address), its network in 22 bits.
struct packed_log {
  std::uint64_t address = 0;
  std::int64_t updated_ms = 0;
  recipient_key recipient = 0;
  compact_id provider = 0;  // 0 = none
  log_id id = 0;
  std::uint32_t text = 0;  // text_pool index
  std::int32_t submitted_before = no_time;  // ms before updated_ms
  std::int32_t acked_before = no_time;      // ms before updated_ms
  std::uint8_t retries = 0;  // or counts_aside
  std::uint8_t shape = 0;    // shape_byte, or counts_aside
  log_status status = log_status::pending;
  failure_type type = failure_type::not_defined;
  failure_reason reason = failure_reason::not_defined;
  std::uint8_t marks = 0;         // bit 0: seed; bit 1: receipt timed out; bits 2-7: network bits 16-21
  std::uint16_t network_low = 0;  // network bits 0-15

  [[nodiscard]] bool seed() const noexcept { return (marks & seed_mark) != 0; }
  [[nodiscard]] bool receipt_timed_out() const noexcept { return (marks & timed_out_mark) != 0; }
  [[nodiscard]] network_code network() const noexcept {
    const std::uint32_t value = (std::uint32_t{marks} >> 2U) << 16U | network_low;
    return network_code::from_value(value).value_or(network_code{});
  }
  void set_marks(bool seed, bool receipt_timed_out, network_code network) noexcept {
    static_assert(network_code::max_value < (1U << 22U), "a network code takes 22 bits at most");
    const std::uint32_t high = network.value() >> 16U;
    marks = static_cast<std::uint8_t>(high << 2U | (receipt_timed_out ? timed_out_mark : 0U) | (seed ? seed_mark : 0U));
    network_low = static_cast<std::uint16_t>(network.value() & 0xFFFFU);
  }

 private:
  static constexpr std::uint32_t seed_mark = 1;
  static constexpr std::uint32_t timed_out_mark = 2;
};
static_assert(sizeof(packed_log) == 56);

inline constexpr unsigned page_bits = 8;
inline constexpr std::uint32_t page_rows = 1U << page_bits;
inline constexpr unsigned slab_bits = 14;
inline constexpr std::uint32_t slab_rows = 1U << slab_bits;
inline constexpr std::uint32_t slab_pages = slab_rows / page_rows;
// Row handles use 31 bits; the top bit is left to other kinds of handle.
inline constexpr std::size_t max_row_pages = std::size_t{1} << (31U - page_bits);

class delivery_logs;

// Store-wide numbering of row pages: what a handle's page number stands for.
class row_pages {
 public:
  struct page {
    delivery_logs* owner = nullptr;
    packed_log* rows = nullptr;
  };

  explicit row_pages(std::size_t max_pages = max_row_pages) : max_(max_pages) {}

  [[nodiscard]] std::size_t available() const { return max_ - pages_.size() + free_.size(); }

  std::uint32_t acquire(const page& p) {
    if (!free_.empty()) {
      const std::uint32_t number = free_.back();
      free_.pop_back();
      pages_[number] = p;
      return number;
    }
    pages_.push_back(p);
    return static_cast<std::uint32_t>(pages_.size() - 1);
  }
  void release(std::uint32_t number) {
    pages_[number] = {};
    free_.push_back(number);
  }
  void move_rows(std::uint32_t number, packed_log* rows) { pages_[number].rows = rows; }

  [[nodiscard]] const page& of(row_handle handle) const { return pages_[handle >> page_bits]; }
  [[nodiscard]] packed_log& row(row_handle handle) const { return of(handle).rows[handle & (page_rows - 1)]; }
  [[nodiscard]] std::size_t bytes() const {
    return pages_.capacity() * sizeof(page) + free_.capacity() * sizeof(std::uint32_t);
  }

 private:
  std::vector<page> pages_;
  std::vector<std::uint32_t> free_;
  std::size_t max_;
};

// The logs of one delivery, ascending by id. A log whose id equals its position + 1 is found
// directly; the others through `sparse_`. Provider ids that cannot be packed inline are kept
// here (`aside`).
class delivery_logs {
 public:
  delivery_logs(delivery_id delivery, row_pages& pages) : delivery_(delivery), pages_(pages) {}
  delivery_logs(const delivery_logs&) = delete;
  delivery_logs& operator=(const delivery_logs&) = delete;
  ~delivery_logs() {
    for (const std::uint32_t number : numbers_) pages_.release(number);
  }

  [[nodiscard]] delivery_id delivery() const { return delivery_; }
  // Guards the rows' status fields when the store lets several deliveries change at once; ids,
  // provider ids and the layout change only under the store's exclusive lock.
  [[nodiscard]] std::mutex& rows_mutex() const { return rows_mutex_; }
  [[nodiscard]] std::uint32_t size() const { return size_; }
  [[nodiscard]] const packed_log& row(std::uint32_t position) const {
    return slabs_[position >> slab_bits][position & (slab_rows - 1)];
  }
  packed_log& row(std::uint32_t position) { return slabs_[position >> slab_bits][position & (slab_rows - 1)]; }
  [[nodiscard]] row_handle handle_of(std::uint32_t position) const {
    return (numbers_[position >> page_bits] << page_bits) | (position & (page_rows - 1));
  }

  // Inline for the usual dense ids; the sparse look-up stays out of the way.
  [[nodiscard]] std::optional<std::uint32_t> position_of_id(log_id id) const {
    if (id >= 1 && id <= size_ && row(id - 1).id == id) return id - 1;
    return sparse_position(id);
  }
  // Asks for a dense id's row ahead of its use, so that a batch waits for memory once.
  void prefetch(log_id id) const {
    if (id >= 1 && id <= size_) __builtin_prefetch(&row(id - 1));
  }
  [[nodiscard]] const packed_log* find(log_id id) const {
    const auto position = position_of_id(id);
    return position ? &row(*position) : nullptr;
  }

  [[nodiscard]] log_id max_id() const { return size_ == 0 ? 0 : row(size_ - 1).id; }

  // First position whose id is greater than `id`.
  [[nodiscard]] std::uint32_t after(log_id id) const {
    std::uint32_t low = 0;
    std::uint32_t high = size_;
    while (low < high) {
      const std::uint32_t middle = low + (high - low) / 2;
      if (row(middle).id <= id) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  // Whether `count` more rows find room in the store's page numbering.
  [[nodiscard]] bool has_room_for(std::size_t count) const {
    const std::size_t pages_needed = (size_ + count + page_rows - 1) / page_rows;
    return pages_needed <= numbers_.size() || pages_needed - numbers_.size() <= pages_.available();
  }

  // Whether appending `fresh` leaves the stored rows where they are.
  [[nodiscard]] bool keeps_order(const std::vector<packed_log>& fresh) const {
    return std::is_sorted(fresh.begin(), fresh.end(), [](const auto& a, const auto& b) { return a.id < b.id; }) &&
           (fresh.empty() || fresh.front().id > max_id());
  }

  // Appends new rows (ids not stored yet; has_room_for checked), keeping the rows ascending by
  // id: rows that do not keep the order move stored rows to other positions.
  void append(const std::vector<packed_log>& fresh) {
    const bool in_order = keeps_order(fresh);
    const std::uint32_t first = size_;
    for (const packed_log& r : fresh) push(r);
    if (!in_order) {
      sort_rows();
      return;
    }
    for (std::uint32_t p = first; p < size_; ++p) {
      if (row(p).id != p + 1) sparse_.emplace(row(p).id, p);
    }
  }

  compact_id keep_aside(std::string_view provider_id) {
    aside_.emplace_back(provider_id);
    return aside_id(static_cast<std::uint32_t>(aside_.size() - 1));
  }
  [[nodiscard]] std::string_view aside(compact_id id) const { return aside_[aside_slot(id)]; }

  [[nodiscard]] std::string provider_id_text(compact_id id) const {
    return form_of(id) == compact_id_form::aside ? std::string(aside(id)) : unpack_inline(id);
  }

  // Writes a log's attempt times into its row (its updated_ms already written): as offsets
  // from its last change, or aside when one is too far from it.
  void set_times(packed_log& row, const attempt_times& times) {
    const auto offset = [&](const std::optional<timestamp>& t) -> std::optional<std::int32_t> {
      if (!t) return no_time;
      const std::int64_t before = row.updated_ms - to_unix_ms(*t);
      if (before <= time_aside || before > std::numeric_limits<std::int32_t>::max()) return std::nullopt;
      return static_cast<std::int32_t>(before);
    };
    const auto submitted = offset(times.submitted);
    const auto acked = offset(times.acked);
    if (submitted && acked) {
      if (row.submitted_before == time_aside || row.acked_before == time_aside) far_times_.erase(row.id);
      row.submitted_before = *submitted;
      row.acked_before = *acked;
      return;
    }
    far_times_.insert_or_assign(row.id, times);
    row.submitted_before = time_aside;
    row.acked_before = time_aside;
  }

  // Writes a log's retries and message shape into its row, or aside when they do not fit.
  void set_counts(packed_log& row, const log_counts& counts) {
    const auto shape = shape_byte(counts.parts, counts.encoding);
    if (shape && counts.retries < counts_aside) {
      if (row.shape == counts_aside) far_counts_.erase(row.id);
      row.retries = static_cast<std::uint8_t>(counts.retries);
      row.shape = *shape;
      return;
    }
    far_counts_.insert_or_assign(row.id, counts);
    row.retries = counts_aside;
    row.shape = counts_aside;
  }
  void set_retries(packed_log& row, std::uint16_t retries) {
    log_counts now = counts(row);
    now.retries = retries;
    set_counts(row, now);
  }

  [[nodiscard]] log_counts counts(const packed_log& row) const {
    if (row.shape == counts_aside) return far_counts_.at(row.id);
    if (row.shape == 0) return {row.retries, 0, sms_encoding::gsm7};
    const auto index = static_cast<std::size_t>((row.shape - 1) / parts_in_row);
    return {row.retries, static_cast<std::uint16_t>((row.shape - 1) % parts_in_row + 1), all_encodings[index]};
  }

  [[nodiscard]] attempt_times times(const packed_log& row) const {
    if (row.submitted_before == time_aside) return far_times_.at(row.id);
    const auto time = [&](std::int32_t before) {
      return before == no_time ? std::nullopt : std::optional<timestamp>(from_unix_ms(row.updated_ms - before));
    };
    return {time(row.submitted_before), time(row.acked_before)};
  }

  [[nodiscard]] std::size_t bytes() const {
    std::size_t total = sparse_.size() * (sizeof(log_id) + sizeof(std::uint32_t) + 1) +
                        slabs_.capacity() * sizeof(std::vector<packed_log>) + numbers_.capacity() * sizeof(std::uint32_t) +
                        aside_.capacity() * sizeof(std::string) +
                        far_times_.size() * (sizeof(log_id) + sizeof(attempt_times) + 1) +
                        far_counts_.size() * (sizeof(log_id) + sizeof(log_counts) + 1);
    for (const auto& slab : slabs_) total += slab.capacity() * sizeof(packed_log);
    for (const std::string& id : aside_) total += id.capacity() > 15 ? id.capacity() + 1 : 0;
    return total;
  }

 private:
  [[nodiscard]] [[gnu::noinline]] std::optional<std::uint32_t> sparse_position(log_id id) const {
    const auto found = sparse_.find(id);
    return found == sparse_.end() ? std::nullopt : std::optional<std::uint32_t>(found->second);
  }

  void push(const packed_log& r) {
    const std::uint32_t slab = size_ >> slab_bits;
    if (slab == slabs_.size()) {
      slabs_.emplace_back();
      if (slab > 0) slabs_.back().reserve(slab_rows);  // a large delivery: whole slabs from now on
    }
    std::vector<packed_log>& rows = slabs_[slab];
    const packed_log* before = rows.data();
    rows.push_back(r);
    if (slab == 0 && rows.data() != before) {  // the first slab grew elsewhere: its pages follow
      for (std::uint32_t page = 0; page < numbers_.size(); ++page) {
        pages_.move_rows(numbers_[page], rows.data() + page * page_rows);
      }
    }
    if ((size_ & (page_rows - 1)) == 0) {
      const auto page = static_cast<std::uint32_t>(numbers_.size());
      numbers_.push_back(pages_.acquire({this, rows.data() + (page % slab_pages) * page_rows}));
    }
    ++size_;
  }

  void sort_rows() {
    std::vector<packed_log> all;
    all.reserve(size_);
    for (std::uint32_t p = 0; p < size_; ++p) all.push_back(row(p));
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    sparse_.clear();
    for (std::uint32_t p = 0; p < size_; ++p) {
      row(p) = all[p];
      if (all[p].id != p + 1) sparse_.emplace(all[p].id, p);
    }
  }

  delivery_id delivery_;
  mutable std::mutex rows_mutex_;
  row_pages& pages_;
  std::vector<std::vector<packed_log>> slabs_;  // of up to slab_rows rows
  std::vector<std::uint32_t> numbers_;          // each page's store-wide number
  std::uint32_t size_ = 0;
  boost::unordered_flat_map<log_id, std::uint32_t> sparse_;
  std::vector<std::string> aside_;
  boost::unordered_flat_map<log_id, attempt_times> far_times_;  // rows marked time_aside
  boost::unordered_flat_map<log_id, log_counts> far_counts_;    // rows marked counts_aside
};

}  // namespace store_detail
SMSTRACK_END_NAMESPACE
