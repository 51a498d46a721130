#pragma once
// Seals (docs/bundle-format.md, "Seals"): what a bundle, HQ and a receipt use to name one exact
// version of a testimony without revealing anything an outsider could test guesses against.
//
// A version's chain hash covers its whole content, identifying fields included, so shipping it
// with a redacted entry lets anyone holding the entry confirm a guessed name or phone number.
// Instead every version gets a key k = BLAKE2b-256(key = S, "fieldvault-seal-key-v1" 0x00 ||
// hash), S being a 32-byte random secret kept in the store (meta "seal_secret"), and its seal
// is BLAKE2b-256(key = k, "fieldvault-seal-v1" 0x00 || hash). A redacted entry carries the seal
// only; an unredacted one also carries k and the hash, so HQ can check that the two copies are
// the same version. Without k (256 bits) a seal confirms nothing.

#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"
#include "storage/Database.h"

#include <QString>

namespace fv {

inline constexpr std::size_t kSealKeyBytes = 32;

/// The store's seal secret S, made (and committed) on first use. Errors: Io, StoreDamaged.
[[nodiscard]] Result<SecretBuffer> sealSecret(Database& db);

/// The seal key of the version whose chain hash is `hashHex` (64 lower-case hex digits), or an
/// empty buffer when `hashHex` is not such a hash.
SecretBuffer versionSealKey(const SecretBuffer& secret, const QString& hashHex);

/// The seal (64 lower-case hex digits) of the version whose chain hash is `hashHex`, under its
/// seal key `key`; empty when either is malformed.
QString versionSeal(ByteView key, const QString& hashHex);

} // namespace fv
