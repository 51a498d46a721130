// Ogg Opus into and out of the encrypted store, without any sound device: the encoder writes a
// valid Ogg Opus attachment of the exact length and level, only ciphertext reaches the disk, and
// the decoder reads and seeks it through the BlobReader.
#include "AudioTestSupport.h"
#include "audio/OpusAttachmentDecoder.h"
#include "audio/OpusAttachmentEncoder.h"
#include "core/test_domain_support.h"

#include <QBuffer>
#include <csignal>
#include <numbers>
#include <sys/resource.h>

using namespace fv;
using namespace fv::desktop;
using namespace fvaudio;
using namespace Qt::StringLiterals;

namespace {

/// `seconds` of a sine at `hz` and amplitude 0.5, sampled at `rate`.
std::vector<float> sine(int rate, double seconds, double hz)
{
    std::vector<float> out(static_cast<std::size_t>(std::lround(rate * seconds)));
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] =
            static_cast<float>(0.5 * std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(i) / rate));
    return out;
}

/// Encodes `samples` at `rate` into a new attachment of `id`, in pieces of ~20 ms as a sound card
/// delivers them.
AttachmentInfo encode(fvtest::Vault& v, const QString& id, const std::vector<float>& samples, int rate)
{
    auto writer = v.store->beginAttachment(id, {.mediaType = u"audio/ogg"_s});
    REQUIRE(writer);
    auto encoder = OpusAttachmentEncoder::create(std::move(*writer), rate);
    REQUIRE(encoder);
    const auto piece = static_cast<std::size_t>(rate / 50 + 7);
    for (std::size_t at = 0; at < samples.size(); at += piece)
        REQUIRE(encoder->write(std::span(samples).subspan(at, std::min(piece, samples.size() - at))));
    CHECK(encoder->samplesWritten() == static_cast<std::int64_t>(samples.size()));
    auto info = encoder->finish();
    REQUIRE(info);
    CHECK_FALSE(encoder->isOpen());
    return *info;
}

int zeroCrossings(std::span<const float> s)
{
    int n = 0;
    for (std::size_t i = 1; i < s.size(); ++i)
        n += (s[i - 1] < 0.0f) != (s[i] < 0.0f);
    return n;
}

} // namespace

TEST_CASE("a recording encodes to Ogg Opus of the exact length and level")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"interview"_s));
    const int rate = GENERATE(48000, 44100, 16000);
    INFO("input rate " << rate);
    const auto input = sine(rate, 2.5, 440.0);
    const AttachmentInfo info = encode(v, id, input, rate);
    CHECK(info.kind == AttachmentKind::Audio);
    CHECK(info.mediaType == u"audio/ogg");

    const QByteArray ogg = plaintextOf(*v.store, info.id);
    CHECK(ogg.startsWith("OggS"));
    CHECK(ogg.mid(28, 8) == "OpusHead"); // the first page carries the Opus ID header
    // 24 kb/s: 2.5 s is about 7.5 kB of audio plus headers; far below the 240 kB of 16-bit PCM.
    CHECK(ogg.size() < 12000);

    const Pcm out = decodeOpus(ogg);
    // The end granule position trims the last Opus frame: the length is exact at 48 kHz and
    // within one sample of the resampled length otherwise.
    const auto expected = static_cast<double>(input.size()) * 48000.0 / rate;
    CHECK(std::abs(static_cast<double>(out.samples.size()) - expected) <= 1.0);
    // A 0.5 sine has an RMS of 0.354; Opus keeps the level within a few percent.
    CHECK(rms(out.samples) == Approx(0.5 / std::numbers::sqrt2).epsilon(0.08));
    // And the pitch: 440 Hz crosses zero 880 times a second.
    CHECK(zeroCrossings(out.samples) == Approx(880 * 2.5).epsilon(0.02));

    // Only ciphertext reaches the disk.
    CHECK(plaintextAudioFiles({v.dir.path()}).isEmpty());
}

TEST_CASE("the decoder plays an attachment through the encrypted store and seeks in it")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"interview"_s));
    // 50 s of a tone whose pitch says where it is: 200 Hz for the first 25 s, then 800 Hz.
    auto input = sine(48000, 25.0, 200.0);
    const auto second = sine(48000, 25.0, 800.0);
    input.insert(input.end(), second.begin(), second.end());
    const AttachmentInfo info = encode(v, id, input, 48000);
    // The blob spans several 64 KiB chunks, so seeking needs random access across them.
    CHECK(info.size > 2 * 64 * 1024);

    auto decoder = OpusAttachmentDecoder::open(*v.store, info.id);
    REQUIRE(decoder);
    CHECK(decoder->totalSamples() == static_cast<std::int64_t>(input.size()));
    CHECK(decoder->durationMs() == 50000);
    CHECK(decoder->position() == 0);

    auto pitchAt = [&](std::int64_t sample) {
        REQUIRE(decoder->seek(sample));
        CHECK(decoder->position() == sample);
        // 100 ms; a read returns at most one Opus packet, the first after a seek part of one.
        std::vector<float> left;
        std::size_t unequal = 0;
        while (left.size() < 4800) {
            std::vector<std::int16_t> stereo(2 * (4800 - left.size()));
            auto n = decoder->readStereo(stereo);
            REQUIRE(n);
            REQUIRE(*n > 0);
            for (std::size_t i = 0; i < *n; ++i) {
                unequal += stereo[2 * i] != stereo[2 * i + 1];
                left.push_back(static_cast<float>(stereo[2 * i]) / 32768.0f);
            }
        }
        CHECK(unequal == 0); // mono is duplicated
        return zeroCrossings(left) * 48000.0 / (2.0 * static_cast<double>(left.size()));
    };
    CHECK(pitchAt(40 * 48000) == Approx(800.0).epsilon(0.05));
    CHECK(pitchAt(2 * 48000) == Approx(200.0).epsilon(0.05));
    CHECK(pitchAt(49 * 48000) == Approx(800.0).epsilon(0.05));
    CHECK(pitchAt(24 * 48000 + 333) == Approx(200.0).epsilon(0.05));

    // Reading to the end yields exactly the rest; past the end is clamped.
    REQUIRE(decoder->seek(49 * 48000));
    std::int64_t rest = 0;
    std::vector<std::int16_t> buffer(2 * 1000);
    for (;;) {
        auto n = decoder->readStereo(buffer);
        REQUIRE(n);
        if (*n == 0)
            break;
        rest += static_cast<std::int64_t>(*n);
    }
    CHECK(rest == 48000);
    REQUIRE(decoder->seek(10'000'000));
    CHECK(decoder->position() == decoder->totalSamples());
    auto none = decoder->readStereo(buffer);
    REQUIRE(none);
    CHECK(*none == 0);
}

TEST_CASE("the decoder refuses what is not Ogg Opus and what was tampered with")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    SECTION("not Ogg Opus")
    {
        QBuffer text;
        text.setData("This is not a recording. "_ba.repeated(100));
        REQUIRE(text.open(QIODevice::ReadOnly));
        auto a = v.store->attach(id, text, {.mediaType = u"audio/ogg"_s});
        REQUIRE(a);
        auto decoder = OpusAttachmentDecoder::open(*v.store, a->id);
        REQUIRE_FALSE(decoder);
        CHECK(decoder.error().code == ErrorCode::InvalidInput);
    }
    SECTION("a flipped bit in the encrypted blob")
    {
        const AttachmentInfo info = encode(v, id, sine(48000, 1.0, 300.0), 48000);
        const auto names = v.blobs->list();
        REQUIRE(names);
        REQUIRE(names->size() == 1);
        QFile blob(QString::fromStdString((v.blobs->directory() / *names->begin()).string()));
        REQUIRE(blob.open(QIODevice::ReadWrite));
        QByteArray bytes = blob.readAll();
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
        REQUIRE(blob.seek(0));
        REQUIRE(blob.write(bytes) == bytes.size());
        blob.close();
        auto decoder = OpusAttachmentDecoder::open(*v.store, info.id);
        REQUIRE_FALSE(decoder);
        CHECK(decoder.error().code == ErrorCode::StoreDamaged);
    }
    SECTION("an unknown attachment")
    {
        CHECK(OpusAttachmentDecoder::open(*v.store, u"nope"_s).error().code == ErrorCode::NotFound);
    }
}

TEST_CASE("an abandoned or failed encoding leaves no temporary file and nothing readable behind")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    auto writer = v.store->beginAttachment(id, {.mediaType = u"audio/ogg"_s});
    REQUIRE(writer);
    auto encoder = OpusAttachmentEncoder::create(std::move(*writer), 48000);
    REQUIRE(encoder);
    const auto input = sine(48000, 5.0, 300.0);
    REQUIRE(encoder->write(input));
    SECTION("abandoned")
    {
        encoder->abandon();
        CHECK(encoder->write(input).error().code == ErrorCode::InvalidArgument);
    }
    SECTION("destroyed")
    {
        const OpusAttachmentEncoder gone = std::move(*encoder);
    }
    SECTION("its row refused")
    {
        REQUIRE(v.db->exec("CREATE TRIGGER fail_attach BEFORE INSERT ON attachments "
                           "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"));
        CHECK_FALSE(encoder->finish());
    }
    // No temporary file is left; a blob whose row was refused is retired (overwritten in place
    // and kept as chaff, docs/vault-format.md), so at most that one file remains.
    const QStringList left = QDir(QString::fromStdString(v.blobs->directory().string()))
                                 .entryList(QDir::Files | QDir::Hidden | QDir::System);
    CHECK(left.filter(QStringLiteral(".tmp-")).isEmpty());
    CHECK(left.size() <= 1);
    CHECK(v.rows("attachments") == 0);
    CHECK(OpusAttachmentEncoder::create(*v.store->beginAttachment(id, {}), 4000).error().code ==
          ErrorCode::InvalidArgument);
}

TEST_CASE("a recording that cannot be written stops with an error and leaves nothing")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    auto writer = v.store->beginAttachment(id, {.mediaType = u"audio/ogg"_s});
    REQUIRE(writer);
    auto encoder = OpusAttachmentEncoder::create(std::move(*writer), 48000);
    REQUIRE(encoder);
    // The file size limit stands in for a full disk: the blob's second 64 KiB chunk cannot be
    // written (EFBIG instead of ENOSPC, through the same path).
    struct rlimit old
    {
    };
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = old;
    small.rlim_cur = 100 * 1024;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const auto input = sine(48000, 1.0, 300.0);
    Status failedWrite;
    for (int second = 0; second < 120 && failedWrite; ++second)
        failedWrite = encoder->write(input);
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &old) == 0);
    std::signal(SIGXFSZ, previousHandler);

    REQUIRE_FALSE(failedWrite);
    CHECK(failedWrite.error().code == ErrorCode::Io);
    CHECK(encoder->write(input).error().code == ErrorCode::Io); // final
    CHECK_FALSE(encoder->finish());
    // No temporary file is left; a blob whose row was refused is retired (overwritten in place
    // and kept as chaff, docs/vault-format.md), so at most that one file remains.
    const QStringList left = QDir(QString::fromStdString(v.blobs->directory().string()))
                                 .entryList(QDir::Files | QDir::Hidden | QDir::System);
    CHECK(left.filter(QStringLiteral(".tmp-")).isEmpty());
    CHECK(left.size() <= 1);
    CHECK(v.rows("attachments") == 0);
}

TEST_CASE("a recording damaged in the middle plays up to the damage, then fails; never wrong sound")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    const AttachmentInfo info = encode(v, id, sine(48000, 100.0, 300.0), 48000);
    REQUIRE(info.size > 2 * 64 * 1024); // at least three chunks
    // Flip one bit in the second 64 KiB chunk of the encrypted blob.
    const auto names = v.blobs->list();
    REQUIRE(names);
    QFile blob(QString::fromStdString((v.blobs->directory() / *names->begin()).string()));
    REQUIRE(blob.open(QIODevice::ReadWrite));
    REQUIRE(blob.seek(64 * 1024 + 5000));
    char byte = 0;
    REQUIRE(blob.getChar(&byte));
    REQUIRE(blob.seek(64 * 1024 + 5000));
    REQUIRE(blob.putChar(static_cast<char>(byte ^ 0x01)));
    blob.close();

    auto decoder = OpusAttachmentDecoder::open(*v.store, info.id);
    REQUIRE(decoder); // the first and last chunks are intact
    std::vector<std::int16_t> buffer(2 * 4800);
    std::int64_t frames = 0;
    Result<std::size_t> n;
    for (;;) {
        n = decoder->readStereo(buffer);
        if (!n || *n == 0)
            break;
        frames += static_cast<std::int64_t>(*n);
    }
    REQUIRE_FALSE(n);
    CHECK(n.error().code == ErrorCode::StoreDamaged);
    // The first chunk's worth of sound played first (64 KiB of a steady tone is about 30 s).
    CHECK(frames > 10 * 48000);
    CHECK(frames < 60 * 48000);
}
