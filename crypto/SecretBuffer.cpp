#include "crypto/SecretBuffer.h"

#include <cstring>
#include <new>
#include <sodium.h>

namespace fv {

SecretBuffer::SecretBuffer(std::size_t size)
{
    if (size == 0)
        return;
    m_data = static_cast<std::uint8_t*>(sodium_malloc(size));
    if (m_data == nullptr)
        throw std::bad_alloc();
    sodium_memzero(m_data, size);
    m_size = size;
}

SecretBuffer SecretBuffer::copyOf(ByteView data)
{
    SecretBuffer buffer(data.size());
    if (!data.empty())
        std::memcpy(buffer.m_data, data.data(), data.size());
    return buffer;
}

SecretBuffer SecretBuffer::random(std::size_t size)
{
    SecretBuffer buffer(size);
    if (size > 0)
        randombytes_buf(buffer.m_data, size);
    return buffer;
}

SecretBuffer::SecretBuffer(SecretBuffer&& other) noexcept : m_data(other.m_data), m_size(other.m_size)
{
    other.m_data = nullptr;
    other.m_size = 0;
}

SecretBuffer& SecretBuffer::operator=(SecretBuffer&& other) noexcept
{
    if (this != &other) {
        wipe();
        m_data = other.m_data;
        m_size = other.m_size;
        other.m_data = nullptr;
        other.m_size = 0;
    }
    return *this;
}

SecretBuffer::~SecretBuffer()
{
    wipe();
}

void SecretBuffer::wipe() noexcept
{
    if (m_data != nullptr)
        sodium_free(m_data); // zeroes before unmapping
    m_data = nullptr;
    m_size = 0;
}

SecretBuffer SecretBuffer::clone() const
{
    return copyOf(view());
}

bool SecretBuffer::equals(const SecretBuffer& other) const noexcept
{
    if (m_size != other.m_size)
        return false;
    if (m_size == 0)
        return true;
    return sodium_memcmp(m_data, other.m_data, m_size) == 0;
}

} // namespace fv
