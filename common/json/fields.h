#pragma once

// Reading fields of JSON that arrives from outside (Zalo's answers, uploads,
// callbacks) without trusting its types. nlohmann's value(key, default) throws
// when the key is there with another type, and an exception on a service's
// callback thread ends the process: these answer the default instead.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace laso {

// The string at `key`, or "" when `j` is not an object, the key is absent or not a string.
template <typename Json>
std::string JsonText(const Json& j, const char* key) {
  if (!j.is_object()) return std::string();
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->template get<std::string>() : std::string();
}

// The strings of the array at `key`; other elements and other types are skipped.
template <typename Json>
std::vector<std::string> JsonTexts(const Json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.is_object()) return out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.template get<std::string>());
  }
  return out;
}

// The integer at `key` (a JSON integer, or a whole number that fits), else `fallback`.
template <typename Json>
int64_t JsonInteger(const Json& j, const char* key, int64_t fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  if (it == j.end()) return fallback;
  if (it->is_number_integer()) return it->template get<int64_t>();
  if (it->is_number_unsigned()) {
    uint64_t u = it->template get<uint64_t>();
    return u <= static_cast<uint64_t>(INT64_MAX) ? static_cast<int64_t>(u) : fallback;
  }
  if (it->is_number_float()) {
    double d = it->template get<double>();
    if (d >= -9.2e18 && d <= 9.2e18 && d == static_cast<double>(static_cast<int64_t>(d)))
      return static_cast<int64_t>(d);
  }
  return fallback;
}

// The boolean at `key`, else `fallback`.
template <typename Json>
bool JsonFlag(const Json& j, const char* key, bool fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() ? it->template get<bool>() : fallback;
}

}  // namespace laso
