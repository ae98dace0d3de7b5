#pragma once

#include <string>
#include <vector>

#include <google/protobuf/message.h>
#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "common/crypto/pii_vault.h"
#include "common/outbox/outbox.h"
#include "common/rpc/caller.h"
#include "common/time/clock.h"

// A resident's rights over their data (Law 91/2025/QH15), across services:
// the privacy service asks every service that holds personal data for a copy
// (an export) or to erase it, with a "privacy.requested" event; each answers
// with a "privacy.answered" event carrying its part of the copy, or what it
// erased. Both go through the outbox and the stream, so a service that is
// down answers when it returns. Answering twice is harmless: erasing what is
// gone erases nothing, and the privacy service keeps one answer per service.
// The person's phone and the answers travel sealed (the events vault).
namespace laso::personal {

inline constexpr char kRequestedEvent[] = "privacy.requested";
inline constexpr char kAnsweredEvent[] = "privacy.answered";

// The services that hold residents' personal data and answer requests. The
// dossier service holds the one-stop system's records (the applicant's data
// are the state's) and no link of its own to a resident; staff holds staff.
inline const std::vector<std::string>& Holders() {
  static const std::vector<std::string> kHolders = {"feedback", "billing", "waste", "notify"};
  return kHolders;
}

enum class Kind { kExport, kErase };
std::string KindName(Kind kind);

// Whom a request is about: their subject ("zalo:<id>") and the verified phone
// they signed in with (normalized, "84..."; "" if none), by which services
// reach records filed by phone (a hotline call).
struct Person {
  std::string subject;
  std::string phone;
};

struct Request {
  std::string id;
  Kind kind = Kind::kExport;
  Person person;
};

struct Answer {
  std::string request_id;
  Kind kind = Kind::kExport;
  std::string service;
  // An export: the service's part of the copy. An erasure: what was erased ({"reports": 3, ...}).
  nlohmann::json body;
};

outbox::Event RequestEvent(const Request& request, const crypto::PiiVault& events_vault, const Clock& clock);
absl::StatusOr<Request> ParseRequest(absl::string_view payload, const crypto::PiiVault& events_vault);
outbox::Event AnswerEvent(const Answer& answer, const crypto::PiiVault& events_vault, const Clock& clock);
absl::StatusOr<Answer> ParseAnswer(absl::string_view payload, const crypto::PiiVault& events_vault);

// The person as a resident caller, for a service to read what is theirs
// through the same code that serves them.
rpc::Caller AsResident(const Person& person);

// A message as the API prints it (lowerCamel field names), for an export.
nlohmann::json JsonOf(const google::protobuf::Message& message);

// What a service keeps about people, and how it lets go of it.
class Holder {
 public:
  virtual ~Holder() = default;
  // Every record about the person, as they would read it (no sealed values, no hashes).
  virtual absl::StatusOr<nlohmann::json> Export(const Person& person) = 0;
  // Erases or pseudonymises it; answers what was done (counts). Safe to run again.
  virtual absl::StatusOr<nlohmann::json> Erase(const Person& person) = 0;
};

}  // namespace laso::personal
