#include "audio/OpusAttachmentEncoder.h"

#include <algorithm>
#include <optional>
#include <opusenc.h>
#include <string>

namespace fv::desktop {

struct OpusAttachmentEncoder::Impl
{
    explicit Impl(AttachmentWriter w, int rate) : writer(std::move(w)), sampleRate(rate) {}
    ~Impl()
    {
        if (encoder)
            ope_encoder_destroy(encoder);
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    /// libopusenc's page sink: every Ogg page goes into the encrypted attachment.
    static int writePage(void* user, const unsigned char* data, opus_int32 len)
    {
        auto* self = static_cast<Impl*>(user);
        if (self->writeError)
            return 1;
        auto st = self->writer.write(ByteView(data, static_cast<std::size_t>(len)));
        if (!st) {
            self->writeError = st.error();
            return 1;
        }
        return 0;
    }

    static int closeStream(void*) { return 0; }

    /// The error of a failed libopusenc call: the attachment's own when a write failed.
    Error failure(int code, const char* what) const
    {
        if (writeError)
            return *writeError;
        return Error{ErrorCode::Internal, std::string(what) + ": " + ope_strerror(code)};
    }

    AttachmentWriter writer;
    OggOpusEnc* encoder = nullptr;
    int sampleRate;
    std::int64_t samples = 0;
    std::optional<Error> writeError;
};

OpusAttachmentEncoder::OpusAttachmentEncoder(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
OpusAttachmentEncoder::OpusAttachmentEncoder(OpusAttachmentEncoder&&) noexcept = default;
OpusAttachmentEncoder& OpusAttachmentEncoder::operator=(OpusAttachmentEncoder&&) noexcept = default;
OpusAttachmentEncoder::~OpusAttachmentEncoder() = default;

Result<OpusAttachmentEncoder> OpusAttachmentEncoder::create(AttachmentWriter writer, int sampleRate,
                                                            int bitrate)
{
    if (sampleRate < 8000 || sampleRate > 192000)
        return fail(ErrorCode::InvalidArgument,
                    "the sound card's sample rate " + std::to_string(sampleRate) + " Hz is not supported");
    auto impl = std::make_unique<Impl>(std::move(writer), sampleRate);
    OggOpusComments* comments = ope_comments_create();
    if (!comments)
        return fail(ErrorCode::Internal, "the Opus encoder could not be created (out of memory)");
    const OpusEncCallbacks callbacks{&Impl::writePage, &Impl::closeStream};
    int error = OPE_OK;
    // Family 0: mono or stereo, no surround mapping.
    impl->encoder = ope_encoder_create_callbacks(&callbacks, impl.get(), comments, sampleRate, 1, 0, &error);
    ope_comments_destroy(comments);
    if (!impl->encoder)
        return std::unexpected(impl->failure(error, "the Opus encoder could not be created"));
    int rc = ope_encoder_ctl(impl->encoder, OPUS_SET_BITRATE(bitrate));
    if (rc == OPE_OK)
        rc = ope_encoder_ctl(impl->encoder, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
    if (rc != OPE_OK)
        return std::unexpected(impl->failure(rc, "the Opus encoder refused its settings"));
    return OpusAttachmentEncoder(std::move(impl));
}

Status OpusAttachmentEncoder::write(std::span<const float> samples)
{
    if (!m_impl)
        return fail(ErrorCode::InvalidArgument, "the recording is already finished");
    Impl& e = *m_impl;
    if (e.writeError)
        return std::unexpected(*e.writeError);
    constexpr std::size_t kMaxPerCall = 1 << 20;
    while (!samples.empty()) {
        const std::size_t n = std::min(samples.size(), kMaxPerCall);
        if (const int rc = ope_encoder_write_float(e.encoder, samples.data(), static_cast<int>(n));
            rc != OPE_OK)
            return std::unexpected(e.failure(rc, "encoding the recording failed"));
        if (e.writeError)
            return std::unexpected(*e.writeError);
        e.samples += static_cast<std::int64_t>(n);
        samples = samples.subspan(n);
    }
    return {};
}

std::int64_t OpusAttachmentEncoder::samplesWritten() const noexcept
{
    return m_impl ? m_impl->samples : 0;
}

int OpusAttachmentEncoder::sampleRate() const noexcept
{
    return m_impl ? m_impl->sampleRate : 0;
}

Result<AttachmentInfo> OpusAttachmentEncoder::finish()
{
    if (!m_impl)
        return fail(ErrorCode::InvalidArgument, "the recording is already finished");
    std::unique_ptr<Impl> e = std::move(m_impl);
    if (e->writeError)
        return std::unexpected(*e->writeError);
    if (const int rc = ope_encoder_drain(e->encoder); rc != OPE_OK || e->writeError)
        return std::unexpected(e->failure(rc, "finishing the recording failed"));
    return e->writer.commit();
}

void OpusAttachmentEncoder::abandon() noexcept
{
    m_impl.reset();
}

} // namespace fv::desktop
