#pragma once
// Helpers for the audio tests: decoding a stored attachment independently of the player (whole
// plaintext read through the store, then opusfile from memory), level and timing measures,
// espeak-ng speech played into the test sink with pacat, event-loop waits and the leak scan.

#include "core/TestimonyStore.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <functional>
#include <opusfile.h>
#include <span>
#include <vector>

namespace fvaudio {

/// Mono samples in [-1, 1] at `rate` Hz.
struct Pcm
{
    std::vector<float> samples;
    int rate = 48000;

    double durationMs() const { return rate ? 1000.0 * static_cast<double>(samples.size()) / rate : 0.0; }
};

/// Runs the event loop for `ms` milliseconds (timers and sound keep going; no sleeping blind).
inline void pump(int ms)
{
    const QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

/// Runs the event loop until `done` or `timeoutMs`; returns done().
inline bool pumpUntil(const std::function<bool()>& done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return done();
}

/// The whole plaintext of an attachment, read through the store.
inline QByteArray plaintextOf(fv::TestimonyStore& store, const QString& attachmentId)
{
    auto reader = store.openAttachment(attachmentId);
    REQUIRE(reader);
    QByteArray out(static_cast<qsizetype>(reader->size()), Qt::Uninitialized);
    auto n = reader->read(0, fv::MutableByteView(reinterpret_cast<std::uint8_t*>(out.data()),
                                                 static_cast<std::size_t>(out.size())));
    REQUIRE(n);
    REQUIRE(*n == reader->size());
    return out;
}

/// Decodes Ogg Opus bytes with opusfile from memory; requires one mono stream.
inline Pcm decodeOpus(const QByteArray& ogg)
{
    int error = 0;
    OggOpusFile* file = op_open_memory(reinterpret_cast<const unsigned char*>(ogg.constData()),
                                       static_cast<std::size_t>(ogg.size()), &error);
    REQUIRE(file != nullptr);
    CHECK(op_channel_count(file, -1) == 1);
    Pcm pcm;
    pcm.samples.reserve(static_cast<std::size_t>(std::max<opus_int64>(op_pcm_total(file, -1), 0)));
    std::vector<float> buffer(5760);
    for (;;) {
        const int n = op_read_float(file, buffer.data(), static_cast<int>(buffer.size()), nullptr);
        REQUIRE(n >= 0);
        if (n == 0)
            break;
        pcm.samples.insert(pcm.samples.end(), buffer.begin(), buffer.begin() + n);
    }
    CHECK(static_cast<opus_int64>(pcm.samples.size()) == op_pcm_total(file, -1));
    op_free(file);
    return pcm;
}

inline Pcm decodeAttachment(fv::TestimonyStore& store, const QString& attachmentId)
{
    return decodeOpus(plaintextOf(store, attachmentId));
}

inline double rms(std::span<const float> samples)
{
    if (samples.empty())
        return 0.0;
    double sum = 0.0;
    for (const float s : samples)
        sum += static_cast<double>(s) * s;
    return std::sqrt(sum / static_cast<double>(samples.size()));
}

/// Speech activity in 20 ms frames: a frame is voiced when its RMS exceeds `threshold`
/// (0.01 = -40 dBFS; the null sink's silence is exactly 0, espeak-ng's speech is around -20 dBFS).
struct Voicing
{
    double firstMs = -1; ///< start of the first voiced frame, -1 when none
    double lastMs = -1;  ///< end of the last voiced frame
    double voicedMs = 0; ///< total length of voiced frames
    double spanMs() const { return firstMs < 0 ? 0 : lastMs - firstMs; }
};

inline Voicing voicing(const Pcm& pcm, double threshold = 0.01)
{
    Voicing v;
    const auto frame = static_cast<std::size_t>(pcm.rate / 50);
    for (std::size_t at = 0; at + frame <= pcm.samples.size(); at += frame) {
        if (rms(std::span(pcm.samples).subspan(at, frame)) <= threshold)
            continue;
        const double startMs = 1000.0 * static_cast<double>(at) / pcm.rate;
        if (v.firstMs < 0)
            v.firstMs = startMs;
        v.lastMs = startMs + 20.0;
        v.voicedMs += 20.0;
    }
    return v;
}

/// RMS of the voiced frames only (the level of the speech itself).
inline double speechRms(const Pcm& pcm, double threshold = 0.01)
{
    const auto frame = static_cast<std::size_t>(pcm.rate / 50);
    std::vector<float> voiced;
    for (std::size_t at = 0; at + frame <= pcm.samples.size(); at += frame) {
        const auto f = std::span(pcm.samples).subspan(at, frame);
        if (rms(f) > threshold)
            voiced.insert(voiced.end(), f.begin(), f.end());
    }
    return rms(voiced);
}

/// What espeak-ng says for `text`, as PCM (its WAV output read from a pipe; nothing on disk).
inline Pcm speak(const QString& text)
{
    QProcess espeak;
    espeak.start(QStringLiteral("espeak-ng"),
                 {QStringLiteral("--stdout"), QStringLiteral("-v"), QStringLiteral("en"),
                  QStringLiteral("-s"), QStringLiteral("160"), text});
    REQUIRE(espeak.waitForFinished(30000));
    REQUIRE(espeak.exitCode() == 0);
    const QByteArray wav = espeak.readAllStandardOutput();
    REQUIRE(wav.size() > 44);
    REQUIRE(wav.startsWith("RIFF"));
    REQUIRE(wav.mid(8, 4) == "WAVE");
    // Chunks after "WAVE": "fmt " (PCM, mono, 16 bits) then "data" (its size may be a
    // placeholder, since espeak-ng writes to a pipe: the data runs to the end).
    Pcm pcm;
    qsizetype at = 12;
    auto u32 = [&](qsizetype p) {
        std::uint32_t v = 0;
        std::memcpy(&v, wav.constData() + p, 4);
        return v;
    };
    auto u16 = [&](qsizetype p) {
        std::uint16_t v = 0;
        std::memcpy(&v, wav.constData() + p, 2);
        return v;
    };
    while (at + 8 <= wav.size()) {
        const QByteArray id = wav.mid(at, 4);
        const std::uint32_t size = u32(at + 4);
        if (id == "fmt ") {
            REQUIRE(u16(at + 8) == 1);
            REQUIRE(u16(at + 10) == 1);
            pcm.rate = static_cast<int>(u32(at + 12));
            REQUIRE(u16(at + 22) == 16);
        } else if (id == "data") {
            const qsizetype begin = at + 8;
            const qsizetype count = (wav.size() - begin) / 2;
            pcm.samples.resize(static_cast<std::size_t>(count));
            for (qsizetype i = 0; i < count; ++i) {
                std::int16_t s = 0;
                std::memcpy(&s, wav.constData() + begin + 2 * i, 2);
                pcm.samples[static_cast<std::size_t>(i)] = static_cast<float>(s) / 32768.0f;
            }
            break;
        }
        at += 8 + static_cast<qsizetype>(size) + (size & 1);
    }
    REQUIRE(!pcm.samples.empty());
    return pcm;
}

/// Plays `pcm` into the test sink with pacat (another PulseAudio client), without blocking the
/// event loop; returns when pacat has drained it into the sink.
inline void playIntoSink(const Pcm& pcm)
{
    QByteArray raw(static_cast<qsizetype>(pcm.samples.size() * 2), Qt::Uninitialized);
    for (std::size_t i = 0; i < pcm.samples.size(); ++i) {
        const auto s =
            static_cast<std::int16_t>(std::lround(std::clamp(pcm.samples[i], -1.0f, 1.0f) * 32767.0f));
        std::memcpy(raw.data() + 2 * i, &s, 2);
    }
    QProcess pacat;
    const QString sink = qEnvironmentVariable("FV_PULSE_SINK", QStringLiteral("fv_speaker"));
    pacat.start(QStringLiteral("pacat"),
                {QStringLiteral("--playback"), QStringLiteral("--raw"), QStringLiteral("--format=s16le"),
                 QStringLiteral("--channels=1"), QStringLiteral("--rate=%1").arg(pcm.rate),
                 QStringLiteral("--device=%1").arg(sink)});
    REQUIRE(pacat.waitForStarted(10000));
    pacat.write(raw);
    pacat.closeWriteChannel();
    REQUIRE(pumpUntil([&] { return pacat.state() == QProcess::NotRunning; }, 60000));
    INFO(pacat.readAllStandardError().toStdString());
    REQUIRE(pacat.exitCode() == 0);
}

/// Files under `dirs` holding plaintext audio: an Ogg page magic at the start, an Opus header
/// ("OpusHead" or "OpusTags") anywhere, or a RIFF/WAVE header.
inline QStringList plaintextAudioFiles(const QStringList& dirs)
{
    QStringList found;
    for (const QString& dir : dirs) {
        QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray data = f.readAll();
            if (data.startsWith("OggS") || data.contains("OpusHead") || data.contains("OpusTags") ||
                (data.startsWith("RIFF") && data.mid(8, 4) == "WAVE"))
                found << path;
        }
    }
    return found;
}

} // namespace fvaudio
