#pragma once
// Decoding of an Ogg Opus attachment with libopusfile, reading the encrypted blob through its
// random-access BlobReader: only the 64 KiB chunks libopusfile touches are decrypted, in
// memory; seeking decrypts the few chunks its bisection visits. No temporary file.

#include "core/TestimonyStore.h"
#include "crypto/Result.h"

#include <QString>
#include <cstdint>
#include <memory>
#include <span>

namespace fv::desktop {

class OpusAttachmentDecoder
{
public:
    /// Opens the attachment `attachmentId` of `store` (which must outlive the decoder).
    /// NotFound for an unknown id; InvalidInput when it is not Ogg Opus audio; StoreDamaged when
    /// its encrypted data fails authentication.
    [[nodiscard]] static Result<OpusAttachmentDecoder> open(TestimonyStore& store,
                                                            const QString& attachmentId);

    /// Opens the plaintext that `reader` yields. Errors as open() above.
    [[nodiscard]] static Result<OpusAttachmentDecoder> open(BlobReader reader);

    OpusAttachmentDecoder(OpusAttachmentDecoder&&) noexcept;
    OpusAttachmentDecoder& operator=(OpusAttachmentDecoder&&) noexcept;
    ~OpusAttachmentDecoder();

    /// Opus always decodes at 48 kHz.
    static constexpr int kSampleRate = 48000;

    /// The length in samples per channel at 48 kHz.
    std::int64_t totalSamples() const noexcept;

    /// The length in milliseconds.
    qint64 durationMs() const noexcept;

    /// The next sample read() returns.
    std::int64_t position() const noexcept;

    /// Moves to `sample` (clamped to [0, totalSamples()]).
    [[nodiscard]] Status seek(std::int64_t sample);

    /// Decodes up to out.size() / 2 stereo frames (interleaved left, right; a mono recording is
    /// duplicated) at 48 kHz into `out`; returns the frame count, 0 at the end.
    [[nodiscard]] Result<std::size_t> readStereo(std::span<std::int16_t> out);

private:
    struct Impl;
    explicit OpusAttachmentDecoder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace fv::desktop
