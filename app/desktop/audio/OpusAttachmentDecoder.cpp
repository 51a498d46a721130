#include "audio/OpusAttachmentDecoder.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdio>
#include <optional>
#include <opusfile.h>
#include <string>

namespace fv::desktop {

struct OpusAttachmentDecoder::Impl
{
    explicit Impl(BlobReader r) : reader(std::move(r)) {}
    ~Impl()
    {
        if (file)
            op_free(file);
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    static int read(void* stream, unsigned char* ptr, int nbytes)
    {
        auto* self = static_cast<Impl*>(stream);
        if (nbytes <= 0)
            return 0;
        auto n = self->reader.read(self->offset, MutableByteView(ptr, static_cast<std::size_t>(nbytes)));
        if (!n) {
            self->readError = n.error();
            return -1;
        }
        self->offset += *n;
        return static_cast<int>(*n);
    }

    static int seek(void* stream, opus_int64 offset, int whence)
    {
        auto* self = static_cast<Impl*>(stream);
        const auto size = static_cast<opus_int64>(self->reader.size());
        opus_int64 base = 0;
        if (whence == SEEK_CUR)
            base = static_cast<opus_int64>(self->offset);
        else if (whence == SEEK_END)
            base = size;
        else if (whence != SEEK_SET)
            return -1;
        if ((offset > 0 && base > LLONG_MAX - offset) || base + offset < 0)
            return -1;
        self->offset = static_cast<std::uint64_t>(base + offset);
        return 0;
    }

    static opus_int64 tell(void* stream)
    {
        return static_cast<opus_int64>(static_cast<Impl*>(stream)->offset);
    }

    /// The error for a failed libopusfile call: the blob's own when reading it failed.
    Error failure(int code, const std::string& what) const
    {
        if (readError)
            return *readError;
        switch (code) {
        case OP_ENOTFORMAT:
        case OP_EBADHEADER:
        case OP_EVERSION:
        case OP_ENOTAUDIO:
        case OP_EBADLINK:
        case OP_EBADTIMESTAMP:
        case OP_EBADPACKET:
            return Error{ErrorCode::InvalidInput, what + ": it is not a valid Ogg Opus recording"};
        case OP_EIMPL:
            return Error{ErrorCode::Unsupported, what + ": it uses an Opus feature this program cannot play"};
        default:
            return Error{ErrorCode::Internal, what + ": opusfile error " + std::to_string(code)};
        }
    }

    BlobReader reader;
    std::uint64_t offset = 0;
    std::optional<Error> readError;
    OggOpusFile* file = nullptr;
    std::int64_t total = 0;
};

OpusAttachmentDecoder::OpusAttachmentDecoder(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
OpusAttachmentDecoder::OpusAttachmentDecoder(OpusAttachmentDecoder&&) noexcept = default;
OpusAttachmentDecoder& OpusAttachmentDecoder::operator=(OpusAttachmentDecoder&&) noexcept = default;
OpusAttachmentDecoder::~OpusAttachmentDecoder() = default;

Result<OpusAttachmentDecoder> OpusAttachmentDecoder::open(TestimonyStore& store, const QString& attachmentId)
{
    auto reader = store.openAttachment(attachmentId);
    if (!reader)
        return std::unexpected(reader.error());
    return open(std::move(*reader));
}

Result<OpusAttachmentDecoder> OpusAttachmentDecoder::open(BlobReader reader)
{
    auto impl = std::make_unique<Impl>(std::move(reader));
    // No close callback: the Impl owns the reader and outlives the OggOpusFile.
    static constexpr OpusFileCallbacks kCallbacks{&Impl::read, &Impl::seek, &Impl::tell, nullptr};
    int error = 0;
    impl->file = op_open_callbacks(impl.get(), &kCallbacks, nullptr, 0, &error);
    if (!impl->file)
        return std::unexpected(impl->failure(error, "the recording cannot be opened"));
    const opus_int64 total = op_pcm_total(impl->file, -1);
    if (total < 0)
        return std::unexpected(impl->failure(static_cast<int>(total), "the recording's length is unknown"));
    impl->total = total;
    return OpusAttachmentDecoder(std::move(impl));
}

std::int64_t OpusAttachmentDecoder::totalSamples() const noexcept
{
    return m_impl ? m_impl->total : 0;
}

qint64 OpusAttachmentDecoder::durationMs() const noexcept
{
    return totalSamples() * 1000 / kSampleRate;
}

std::int64_t OpusAttachmentDecoder::position() const noexcept
{
    if (!m_impl)
        return 0;
    const opus_int64 p = op_pcm_tell(m_impl->file);
    return p < 0 ? 0 : p;
}

Status OpusAttachmentDecoder::seek(std::int64_t sample)
{
    if (!m_impl)
        return fail(ErrorCode::InvalidArgument, "the recording is not open");
    Impl& d = *m_impl;
    d.readError.reset();
    const std::int64_t target = std::clamp<std::int64_t>(sample, 0, d.total);
    // opusfile seeks to a sample that exists; the end is reached by decoding the last one.
    const bool toEnd = target == d.total && target > 0;
    if (const int rc = op_pcm_seek(d.file, toEnd ? target - 1 : target); rc != 0)
        return std::unexpected(d.failure(rc, "seeking in the recording failed"));
    if (toEnd) {
        std::array<opus_int16, 2> last{};
        if (const int n = op_read_stereo(d.file, last.data(), static_cast<int>(last.size())); n < 0)
            return std::unexpected(d.failure(n, "seeking in the recording failed"));
    }
    return {};
}

Result<std::size_t> OpusAttachmentDecoder::readStereo(std::span<std::int16_t> out)
{
    if (!m_impl)
        return fail(ErrorCode::InvalidArgument, "the recording is not open");
    Impl& d = *m_impl;
    d.readError.reset();
    const int capacity = static_cast<int>(std::min<std::size_t>(out.size(), INT_MAX) & ~std::size_t{1});
    if (capacity == 0)
        return std::size_t{0};
    for (;;) {
        const int n = op_read_stereo(d.file, out.data(), capacity);
        if (n == OP_HOLE)
            continue; // a gap (lost or damaged pages): playback goes on after it
        if (n < 0)
            return std::unexpected(d.failure(n, "decoding the recording failed"));
        return static_cast<std::size_t>(n);
    }
}

} // namespace fv::desktop
