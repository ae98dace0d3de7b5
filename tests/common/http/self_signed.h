#pragma once

#include <string>

namespace laso::http {

// Writes a fresh self-signed certificate for "localhost" and 127.0.0.1 and its
// key (PEM) under dir; returns false on failure.
bool WriteSelfSignedCertificate(const std::string& dir, std::string* cert_path, std::string* key_path);

}  // namespace laso::http
