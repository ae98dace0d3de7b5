#pragma once

// absl has no public RETURN_IF_ERROR/ASSIGN_OR_RETURN; these are the usual ones.

#define LASO_STATUS_CONCAT_INNER(a, b) a##b
#define LASO_STATUS_CONCAT(a, b) LASO_STATUS_CONCAT_INNER(a, b)

#define LASO_RETURN_IF_ERROR(expr)                  \
  do {                                              \
    ::absl::Status laso_status_ = (expr);           \
    if (!laso_status_.ok()) return laso_status_;    \
  } while (0)

#define LASO_ASSIGN_OR_RETURN(lhs, expr) \
  LASO_ASSIGN_OR_RETURN_IMPL(LASO_STATUS_CONCAT(laso_statusor_, __LINE__), lhs, expr)

#define LASO_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                               \
  if (!statusor.ok()) return statusor.status();         \
  lhs = std::move(statusor).value()
