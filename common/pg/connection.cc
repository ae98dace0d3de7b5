#include "common/pg/connection.h"

#include <endian.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/pg/errors.h"
#include "common/pg/uri.h"

namespace laso::pg {
namespace {

// Type OIDs from pg_type.
constexpr unsigned kInt8 = 20, kText = 25, kFloat8 = 701, kBytea = 17;

unsigned TypeOf(const sql::Value& v) {
  switch (v.kind) {
    case sql::Value::Kind::kInt:
      return kInt8;
    case sql::Value::Kind::kDouble:
      return kFloat8;
    case sql::Value::Kind::kText:
      return kText;
    case sql::Value::Kind::kBlob:
      return kBytea;
    case sql::Value::Kind::kNull:
      break;
  }
  return 0;  // the server infers it
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class ResultRow : public sql::Row {
 public:
  ResultRow(const PGresult* result, int row) : result_(result), row_(row) {}
  bool IsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  int64_t Int(int column) const override {
    const char* v = PQgetvalue(result_, row_, column);
    if (v[0] == 't' && v[1] == '\0') return 1;  // a boolean expression
    if (v[0] == 'f' && v[1] == '\0') return 0;
    return std::strtoll(v, nullptr, 10);
  }
  double Double(int column) const override { return std::strtod(PQgetvalue(result_, row_, column), nullptr); }
  std::string Text(int column) const override {
    return std::string(PQgetvalue(result_, row_, column), PQgetlength(result_, row_, column));
  }
  std::string Bytes(int column) const override {
    // bytea as text is "\x" and two hex digits a byte.
    absl::string_view hex(PQgetvalue(result_, row_, column), PQgetlength(result_, row_, column));
    if (!absl::ConsumePrefix(&hex, "\\x")) return std::string(hex);
    std::string out(hex.size() / 2, '\0');
    for (size_t i = 0; i < out.size(); ++i) {
      out[i] = static_cast<char>(HexDigit(hex[2 * i]) << 4 | HexDigit(hex[2 * i + 1]));
    }
    return out;
  }

 private:
  const PGresult* result_;
  int row_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const Options& options) {
  std::string timeout = absl::StrCat(std::max<int64_t>(1, absl::ToInt64Seconds(options.connect_timeout)));
  // Defaults first: libpq lets the URI (expanded from dbname) override the keywords before it.
  const char* keywords[] = {"connect_timeout", "application_name", "client_encoding", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), options.application_name.c_str(), "UTF8", options.uri.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) return absl::ResourceExhaustedError("cannot allocate a PostgreSQL connection");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why(absl::StripTrailingAsciiWhitespace(PQerrorMessage(conn)));
    PQfinish(conn);
    return absl::UnavailableError(absl::StrCat("cannot connect to ", RedactUri(options.uri), ": ", why));
  }
  auto out = std::unique_ptr<Connection>(new Connection(conn));
  std::string settings = absl::StrCat("SET statement_timeout = ", absl::ToInt64Milliseconds(options.statement_timeout),
                                      "; SET standard_conforming_strings = on; SET client_min_messages = warning");
  if (auto s = out->Script(settings); !s.ok()) return s;
  return out;
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::Broken() const { return PQstatus(conn_) != CONNECTION_OK; }

absl::Status Connection::Script(absl::string_view sql) {
  std::string text(sql);
  PGresult* result = PQexec(conn_, text.c_str());
  absl::Status status = StatusFromResult(result, conn_, "script");
  PQclear(result);
  return status;
}

absl::StatusOr<std::string> Connection::Prepared(absl::string_view sql, absl::Span<const sql::Value> params) {
  std::string key(sql);
  key.push_back('\0');
  std::vector<unsigned> types;
  types.reserve(params.size());
  for (const sql::Value& v : params) {
    types.push_back(TypeOf(v));
    key.push_back(static_cast<char>('a' + static_cast<int>(v.kind)));
  }
  auto it = prepared_.find(key);
  if (it != prepared_.end()) return it->second;
  std::string name = absl::StrCat("laso_", prepared_.size() + 1);
  std::string text(sql);
  PGresult* result = PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(params.size()), types.data());
  absl::Status status = StatusFromResult(result, conn_, "prepare");
  PQclear(result);
  if (!status.ok()) return status;
  prepared_.emplace(std::move(key), name);
  return name;
}

absl::Status Connection::RunPrepared(absl::string_view sql, absl::Span<const sql::Value> params,
                                     absl::FunctionRef<absl::Status(PGresult*)> use) {
  auto name = Prepared(sql, params);
  if (!name.ok()) return name.status();
  const size_t n = params.size();
  std::vector<uint64_t> numbers(n);  // big-endian int8 and float8
  std::vector<const char*> values(n);
  std::vector<int> lengths(n), formats(n, 1);
  for (size_t i = 0; i < n; ++i) {
    const sql::Value& v = params[i];
    switch (v.kind) {
      case sql::Value::Kind::kNull:
        values[i] = nullptr;
        break;
      case sql::Value::Kind::kInt:
        numbers[i] = htobe64(static_cast<uint64_t>(v.i));
        values[i] = reinterpret_cast<const char*>(&numbers[i]);
        lengths[i] = 8;
        break;
      case sql::Value::Kind::kDouble: {
        uint64_t bits;
        std::memcpy(&bits, &v.d, sizeof(bits));
        numbers[i] = htobe64(bits);
        values[i] = reinterpret_cast<const char*>(&numbers[i]);
        lengths[i] = 8;
        break;
      }
      case sql::Value::Kind::kText:
      case sql::Value::Kind::kBlob:
        values[i] = v.bytes.empty() ? "" : v.bytes.data();
        lengths[i] = static_cast<int>(v.bytes.size());
        break;
    }
  }
  PGresult* result = PQexecPrepared(conn_, name->c_str(), static_cast<int>(n), values.data(), lengths.data(),
                                    formats.data(), /*resultFormat=*/0);
  absl::Status status = StatusFromResult(result, conn_, "statement");
  if (status.ok()) status = use(result);
  PQclear(result);
  if (Broken()) prepared_.clear();
  return status;
}

absl::StatusOr<int64_t> Connection::Run(absl::string_view sql, absl::Span<const sql::Value> params) {
  int64_t changed = 0;
  auto status = RunPrepared(sql, params, [&](PGresult* result) {
    changed = std::strtoll(PQcmdTuples(result), nullptr, 10);  // "" for commands that change no rows
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return changed;
}

absl::Status Connection::Query(absl::string_view sql, absl::Span<const sql::Value> params, sql::RowFn on_row) {
  return RunPrepared(sql, params, [&](PGresult* result) {
    const int rows = PQntuples(result);
    for (int r = 0; r < rows; ++r) {
      ResultRow row(result, r);
      if (auto s = on_row(row); !s.ok()) return s;
    }
    return absl::OkStatus();
  });
}

absl::Status Connection::Lock(absl::string_view key) {
  // The server hashes the key, so every replica locks the same number for it.
  return Query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", {sql::ToValue(key)},
               [](const sql::Row&) { return absl::OkStatus(); });
}

}  // namespace laso::pg
