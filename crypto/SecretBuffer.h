#pragma once
// Guarded memory for keys and passphrases: allocated with sodium_malloc (guard pages,
// canary, mlock), zeroed on free, never copied implicitly.

#include "crypto/Bytes.h"

namespace fv {

class SecretBuffer
{
public:
    SecretBuffer() noexcept = default;
    /// Allocates `size` zeroed guarded bytes; throws std::bad_alloc if the allocation fails.
    explicit SecretBuffer(std::size_t size);
    /// A guarded copy of `data`.
    static SecretBuffer copyOf(ByteView data);
    /// A guarded buffer of `size` random bytes.
    static SecretBuffer random(std::size_t size);

    SecretBuffer(SecretBuffer&& other) noexcept;
    SecretBuffer& operator=(SecretBuffer&& other) noexcept;
    SecretBuffer(const SecretBuffer&) = delete;
    SecretBuffer& operator=(const SecretBuffer&) = delete;
    ~SecretBuffer();

    std::uint8_t* data() noexcept { return m_data; }
    const std::uint8_t* data() const noexcept { return m_data; }
    std::size_t size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }
    MutableByteView span() noexcept { return {m_data, m_size}; }
    ByteView view() const noexcept { return {m_data, m_size}; }

    /// Zeroes and frees the memory; the buffer becomes empty.
    void wipe() noexcept;
    /// A new guarded buffer with the same bytes (explicit, so copies are visible in review).
    SecretBuffer clone() const;
    /// Constant-time equality of size and content.
    bool equals(const SecretBuffer& other) const noexcept;

private:
    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace fv
