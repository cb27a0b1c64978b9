// The SQLite schema, as the list of migrations that build it: migration i (1-based) takes a
// database from schema version i - 1 to i. A new version appends a migration; a published one
// never changes.
#pragma once

#include <smstrack/config.hpp>

#include <array>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace sqlite {

inline constexpr std::array<std::string_view, 8> migrations = {
    // 1: the tables, each keyed by what the ports look rows up by.
    R"sql(
CREATE TABLE smstrack_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT, revision INTEGER NOT NULL,
  label TEXT NOT NULL, content TEXT NOT NULL, sender TEXT NOT NULL,
  approval INTEGER NOT NULL, validity_ms INTEGER NOT NULL, connector TEXT NOT NULL, short_code TEXT NOT NULL,
  state INTEGER NOT NULL, created INTEGER NOT NULL, last_modified INTEGER NOT NULL,
  analysed INTEGER, started INTEGER, started_by TEXT, validity_end INTEGER, finished INTEGER,
  initial_population INTEGER NOT NULL, rejected INTEGER NOT NULL);
CREATE TABLE smstrack_logs (
  delivery INTEGER NOT NULL, id INTEGER NOT NULL, recipient INTEGER NOT NULL, address INTEGER NOT NULL,
  seed INTEGER NOT NULL, status INTEGER NOT NULL, failure_type INTEGER NOT NULL, reason INTEGER NOT NULL,
  retries INTEGER NOT NULL, updated INTEGER NOT NULL, provider_id TEXT, text TEXT,
  PRIMARY KEY (delivery, id)) WITHOUT ROWID;
CREATE TABLE smstrack_provider_ids (
  provider_id TEXT PRIMARY KEY, delivery INTEGER NOT NULL, log_id INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE smstrack_exclusions (
  delivery INTEGER NOT NULL, id INTEGER NOT NULL, recipient INTEGER NOT NULL, address TEXT NOT NULL,
  reason INTEGER NOT NULL, rule TEXT NOT NULL, text TEXT NOT NULL, excluded_at INTEGER NOT NULL,
  PRIMARY KEY (delivery, id)) WITHOUT ROWID;
CREATE TABLE smstrack_quarantine (
  address INTEGER NOT NULL, short_code TEXT NOT NULL, status INTEGER NOT NULL, error_count INTEGER NOT NULL,
  last_error_reason INTEGER NOT NULL, last_error_text TEXT, last_significant_error INTEGER,
  created INTEGER NOT NULL, updated INTEGER NOT NULL, last_delivery INTEGER, quarantined_by INTEGER,
  PRIMARY KEY (address, short_code)) WITHOUT ROWID;
CREATE TABLE smstrack_qualification (
  qualification_key TEXT PRIMARY KEY, failure_type INTEGER NOT NULL, reason INTEGER NOT NULL,
  status INTEGER NOT NULL, occurrences INTEGER NOT NULL, first_text TEXT NOT NULL,
  last_modified INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE smstrack_urls (
  delivery INTEGER NOT NULL, id INTEGER NOT NULL, label TEXT NOT NULL, url_type INTEGER NOT NULL,
  mode INTEGER NOT NULL, source_url TEXT NOT NULL, PRIMARY KEY (delivery, id)) WITHOUT ROWID;
CREATE TABLE smstrack_clicks (
  id INTEGER PRIMARY KEY AUTOINCREMENT, delivery INTEGER NOT NULL, log_id INTEGER NOT NULL,
  url_id INTEGER NOT NULL, clicked_at INTEGER NOT NULL, user_agent TEXT);
CREATE TABLE smstrack_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, delivery INTEGER NOT NULL, event_time INTEGER NOT NULL,
  severity INTEGER NOT NULL, code INTEGER NOT NULL, message TEXT NOT NULL, details TEXT);
)sql",
    // 2: the secondary indexes of the dashboard's queries.
    R"sql(
CREATE INDEX smstrack_logs_by_status ON smstrack_logs (delivery, status, id);
CREATE INDEX smstrack_provider_ids_by_log ON smstrack_provider_ids (delivery, log_id);
CREATE INDEX smstrack_exclusions_by_cause ON smstrack_exclusions (delivery, rule, reason);
CREATE INDEX smstrack_quarantine_by_delivery ON smstrack_quarantine (quarantined_by, status);
CREATE INDEX smstrack_clicks_by_delivery ON smstrack_clicks (delivery, id);
CREATE INDEX smstrack_clicks_by_url ON smstrack_clicks (delivery, url_id, log_id);
CREATE INDEX smstrack_audit_by_time ON smstrack_audit (delivery, event_time, id);
)sql",
    // 3: the messages to an address, for pressure rules and the attribution of replies; the
    // rules each analysis ran, for the causes of exclusions; incoming replies.
    R"sql(
CREATE INDEX smstrack_logs_by_address ON smstrack_logs (address, updated);
CREATE TABLE smstrack_exclusion_rules (
  delivery INTEGER NOT NULL, position INTEGER NOT NULL, rule TEXT NOT NULL, reason INTEGER NOT NULL,
  PRIMARY KEY (delivery, position));
CREATE TABLE smstrack_replies (
  id INTEGER PRIMARY KEY AUTOINCREMENT, received INTEGER NOT NULL, address INTEGER NOT NULL,
  short_code TEXT NOT NULL, text TEXT NOT NULL, rule INTEGER, action INTEGER NOT NULL, delivery INTEGER);
CREATE INDEX smstrack_replies_by_delivery ON smstrack_replies (delivery, action);
)sql",
    // 4: the content settings of a delivery (parts, encodings, tracking host) and what its
    // personalized messages cost.
    R"sql(
ALTER TABLE smstrack_deliveries ADD COLUMN max_parts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE smstrack_deliveries ADD COLUMN transliterate INTEGER NOT NULL DEFAULT 0;
ALTER TABLE smstrack_deliveries ADD COLUMN latin1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE smstrack_deliveries ADD COLUMN tracking_host TEXT NOT NULL DEFAULT '';
ALTER TABLE smstrack_deliveries ADD COLUMN messages_gsm7 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE smstrack_deliveries ADD COLUMN messages_latin1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE smstrack_deliveries ADD COLUMN messages_ucs2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE smstrack_deliveries ADD COLUMN message_parts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE smstrack_deliveries ADD COLUMN longest_message INTEGER NOT NULL DEFAULT 0;
)sql",
    // 5: where a click on a link written without a scheme redirects.
    R"sql(
ALTER TABLE smstrack_deliveries ADD COLUMN https_for_bare_links INTEGER NOT NULL DEFAULT 0;
)sql",
    // 6: the messages to an address by address alone: an index holding the time of the last
    // change moved on every status change, two more random pages written per receipt.
    R"sql(
DROP INDEX smstrack_logs_by_address;
CREATE INDEX smstrack_logs_by_address ON smstrack_logs (address);
)sql",
    // 7: who clicked (a person, a link preview, a scanner, a crawler, a prefetch) and why it was
    // decided (clicks stored before were not classified and count as people's); when a log's
    // message was submitted and acknowledged (unknown for logs stored before).
    R"sql(
ALTER TABLE smstrack_clicks ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;
ALTER TABLE smstrack_clicks ADD COLUMN why TEXT NOT NULL DEFAULT '';
ALTER TABLE smstrack_logs ADD COLUMN submitted INTEGER;
ALTER TABLE smstrack_logs ADD COLUMN acked INTEGER;
)sql",
    // 8: the destination network of a log ("208-01", unknown for logs stored before), the
    // receipt horizon's mark, until now only in the log's text, and the parts and encoding of
    // the log's message (unknown, 0 parts, for logs stored before).
    R"sql(
ALTER TABLE smstrack_logs ADD COLUMN network TEXT;
ALTER TABLE smstrack_logs ADD COLUMN receipt_timed_out INTEGER NOT NULL DEFAULT 0;
ALTER TABLE smstrack_logs ADD COLUMN parts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE smstrack_logs ADD COLUMN encoding INTEGER NOT NULL DEFAULT 0;
UPDATE smstrack_logs SET receipt_timed_out = 1 WHERE status = 2 AND text = 'receipt timed out';
)sql",
};

}  // namespace sqlite
SMSTRACK_END_NAMESPACE
