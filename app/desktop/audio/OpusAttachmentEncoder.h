#pragma once
// Ogg Opus encoding of one mono speech recording straight into an encrypted attachment
// (libopusenc writing through its callbacks into an AttachmentWriter): the encoded pages exist in
// plaintext only in memory, never in a file. Format and parameters: docs/audio.md.

#include "core/TestimonyStore.h"
#include "crypto/Result.h"

#include <cstdint>
#include <memory>
#include <span>

namespace fv::desktop {

/// The bit rate of recordings: 24 kb/s VBR, speech-tuned (about 11 MB an hour).
inline constexpr int kSpeechBitrate = 24000;

class OpusAttachmentEncoder
{
public:
    /// An encoder of mono audio sampled at `sampleRate` Hz (8000 to 192000; libopusenc resamples
    /// to Opus' 48 kHz) into `writer`, which it takes over. InvalidArgument for a rate out of range,
    /// Internal if libopusenc refuses.
    [[nodiscard]] static Result<OpusAttachmentEncoder> create(AttachmentWriter writer, int sampleRate,
                                                              int bitrate = kSpeechBitrate);

    OpusAttachmentEncoder(OpusAttachmentEncoder&&) noexcept;
    OpusAttachmentEncoder& operator=(OpusAttachmentEncoder&&) noexcept;
    ~OpusAttachmentEncoder(); ///< abandon() unless finished

    /// Encodes mono samples in [-1, 1]. An error (the attachment could not be written: Io,
    /// DiskFull) is final: finish() then fails too; abandon the recording.
    [[nodiscard]] Status write(std::span<const float> samples);

    /// Samples accepted by write() so far, at the input rate.
    std::int64_t samplesWritten() const noexcept;

    /// The input sample rate given to create().
    int sampleRate() const noexcept;

    /// Encodes what is still buffered, ends the Ogg stream and commits the attachment (blob, row
    /// and custody event; see AttachmentWriter::commit()). The encoder is finished either way.
    [[nodiscard]] Result<AttachmentInfo> finish();

    /// Drops the recording: the unfinished blob is deleted and nothing is recorded.
    void abandon() noexcept;

    /// True until finish() or abandon().
    bool isOpen() const noexcept { return m_impl != nullptr; }

private:
    struct Impl;
    explicit OpusAttachmentEncoder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace fv::desktop
