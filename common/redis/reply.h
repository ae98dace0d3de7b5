#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct redisReply;

namespace laso::redis {

// A Redis reply as a value (hiredis replies are freed before this returns).
struct Reply {
  enum class Type { kNil, kInteger, kString, kStatus, kError, kArray };
  Type type = Type::kNil;
  int64_t integer = 0;
  std::string str;  // kString, kStatus, kError
  std::vector<Reply> elements;

  bool IsNil() const { return type == Type::kNil; }
  bool IsError() const { return type == Type::kError; }
  static Reply FromHiredis(const redisReply* r);
};

}  // namespace laso::redis
