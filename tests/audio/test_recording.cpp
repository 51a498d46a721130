// Recording end to end under a real PulseAudio server (tests/audio/with-pulse.sh): espeak-ng's
// speech is played into the null sink, the recorder hears it on the remapped monitor, and the
// attachment decrypted through the store and decoded with opusfile holds that speech, at the
// right length and level; pauses are left out; a lost microphone still saves what was recorded;
// and no plaintext audio is left in TMPDIR or HOME.
//
// Tolerances (measured on a loaded 2-core machine under ASan; docs/audio.md):
// - decoded length vs the recorder's own count: exact (the Ogg end granule trims the last frame);
// - decoded length vs wall-clock time from before start() to stop(): -300 ms (stop() reads what
//   the server has delivered, which lags real time by up to one 50 ms fragment plus scheduling
//   on a loaded machine) to +100 ms (the null sink renders ahead of the clock by its latency,
//   which follows the 50 ms fragments the recorder asks for; a real microphone cannot);
// - speech span (first to last voiced 20 ms frame) vs the span of what espeak-ng produced:
//   ±100 ms (two 20 ms frame quantisations, the resampler's filter edges; a lost 50 ms fragment
//   still fits, a lost word does not); total voiced time ±10 % (frames straddling the quiet
//   gaps between words fall either side of the threshold depending on the frame grid);
// - speech level: ±25 % of espeak-ng's own (the sink, its monitor and the remap are unity gain).
#include "AudioTestSupport.h"
#include "audio/AudioRecorder.h"
#include "core/test_domain_support.h"

#include <QElapsedTimer>
#include <QMediaDevices>
#include <QSignalSpy>

using namespace fv;
using namespace fv::desktop;
using namespace fvaudio;
using namespace Qt::StringLiterals;

namespace {

const QString kSentence = u"They took my brother from the hospital at night, and we never saw him again."_s;

/// pactl, failing the test when it fails; returns its standard output.
QString pactl(const QStringList& args)
{
    QProcess p;
    p.start(u"pactl"_s, args);
    REQUIRE(p.waitForFinished(10000));
    INFO(p.readAllStandardError().toStdString());
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput());
}

/// The index of the loaded module-remap-source (the test microphone).
QString remapModule()
{
    for (const QString& line : pactl({u"list"_s, u"short"_s, u"modules"_s}).split(u'\n'))
        if (line.contains(u"module-remap-source"))
            return line.section(u'\t', 0, 0);
    FAIL("module-remap-source is not loaded");
    return {};
}

void restoreMicrophone()
{
    pactl({u"load-module"_s, u"module-remap-source"_s, u"source_name=fv_mic"_s,
           u"master=fv_speaker.monitor"_s, u"channels=1"_s, u"channel_map=mono"_s,
           u"master_channel_map=mono"_s});
    pactl({u"set-default-source"_s, u"fv_mic"_s});
    REQUIRE(pumpUntil([] { return QMediaDevices::defaultAudioInput().id() == "fv_mic"; }, 10000));
}

} // namespace

TEST_CASE("a spoken sentence is recorded into the vault and decodes to the same speech", "[pulse]")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"interview"_s));
    const Pcm said = speak(kSentence);
    const Voicing saidVoicing = voicing(said);
    REQUIRE(saidVoicing.spanMs() > 2000);

    AudioRecorder recorder;
    float loudest = 0;
    qint64 lastElapsed = -1;
    bool elapsedMonotonic = true;
    QObject::connect(&recorder, &AudioRecorder::level,
                     [&](float peak) { loudest = std::max(loudest, peak); });
    QObject::connect(&recorder, &AudioRecorder::elapsed, [&](qint64 ms) {
        elapsedMonotonic = elapsedMonotonic && ms >= lastElapsed;
        lastElapsed = ms;
    });
    QSignalSpy saved(&recorder, &AudioRecorder::saved);
    QSignalSpy failed(&recorder, &AudioRecorder::failed);

    QElapsedTimer wall;
    wall.start();
    REQUIRE(recorder.start(*v.store, id));
    CHECK(recorder.state() == AudioRecorder::State::Recording);
    CHECK(QMediaDevices::defaultAudioInput().id() == "fv_mic");
    pump(500);
    playIntoSink(said);
    pump(500);
    const qint64 wallMs = wall.elapsed();
    auto info = recorder.stop();
    REQUIRE(info);
    CHECK(recorder.state() == AudioRecorder::State::Idle);
    CHECK(saved.size() == 1);
    CHECK(failed.isEmpty());

    const Pcm got = decodeAttachment(*v.store, info->id);
    const Voicing gotVoicing = voicing(got);
    INFO("wall " << wallMs << " ms; decoded " << got.durationMs() << " ms; recorder " << recorder.elapsedMs()
                 << " ms; speech span said " << saidVoicing.spanMs() << " ms, recorded "
                 << gotVoicing.spanMs() << " ms; speech RMS said " << speechRms(said) << ", recorded "
                 << speechRms(got));
    std::printf("recording: wall %lld ms, decoded %.1f ms, speech span said %.0f ms / recorded %.0f ms, "
                "speech RMS said %.4f / recorded %.4f, overall RMS %.4f\n",
                static_cast<long long>(wallMs), got.durationMs(), saidVoicing.spanMs(), gotVoicing.spanMs(),
                speechRms(said), speechRms(got), rms(got.samples));

    CHECK(std::abs(got.durationMs() - static_cast<double>(recorder.elapsedMs())) <= 1.0);
    CHECK(lastElapsed == recorder.elapsedMs());
    CHECK(elapsedMonotonic);
    CHECK(got.durationMs() <= static_cast<double>(wallMs) + 100.0);
    CHECK(got.durationMs() >= static_cast<double>(wallMs) - 300.0);

    // Not silence, and the whole sentence at its own level.
    CHECK(rms(got.samples) > 0.01);
    CHECK(gotVoicing.spanMs() == Approx(saidVoicing.spanMs()).margin(100));
    CHECK(gotVoicing.voicedMs == Approx(saidVoicing.voicedMs).epsilon(0.1).margin(100));
    CHECK(speechRms(got) == Approx(speechRms(said)).epsilon(0.25));
    CHECK(gotVoicing.firstMs >= 300.0); // the half second of silence before it is there too
    CHECK(loudest > 0.1f);

    CHECK(info->mediaType == u"audio/ogg");
    CHECK(info->kind == AttachmentKind::Audio);
    CHECK(info->fileName.startsWith(u"recording-"));
    CHECK(info->fileName.endsWith(u".opus"));
    REQUIRE(info->captured);
    CHECK(std::abs(info->captured->secsTo(QDateTime::currentDateTimeUtc())) < 60);
    auto history = v.store->history(id);
    REQUIRE(history);
    CHECK(history->events.back().kind == u"attached");
    CHECK(history->events.back().detail.contains(info->id));
    CHECK(v.store->verifyAll()->isEmpty());

    // No plaintext audio anywhere the process could write: the vault (inside TMPDIR), TMPDIR, HOME.
    CHECK(QDir::tempPath().contains(u"fv-pulse"));
    CHECK(plaintextAudioFiles({QDir::tempPath(), QDir::homePath()}).isEmpty());
}

TEST_CASE("a paused interval is not recorded", "[pulse]")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"interview"_s));
    const Pcm before = speak(u"Before the pause."_s);
    const Pcm during =
        speak(u"This is said while the recording is paused, and it must not be in the vault."_s);

    AudioRecorder recorder;
    QSignalSpy states(&recorder, &AudioRecorder::stateChanged);
    QElapsedTimer wall;
    wall.start();
    REQUIRE(recorder.start(*v.store, id));
    pump(300);
    playIntoSink(before);
    pump(300);
    recorder.pause();
    QElapsedTimer paused;
    paused.start();
    CHECK(recorder.state() == AudioRecorder::State::Paused);
    const qint64 atPause = recorder.elapsedMs();
    playIntoSink(during);
    pump(300);
    CHECK(recorder.elapsedMs() == atPause); // the clock stands still while paused
    recorder.resume();
    const qint64 pausedMs = paused.elapsed();
    CHECK(recorder.state() == AudioRecorder::State::Recording);
    pump(500);
    const qint64 activeMs = wall.elapsed() - pausedMs;
    auto info = recorder.stop();
    REQUIRE(info);
    CHECK(states.size() == 4); // Recording, Paused, Recording, Idle

    const Pcm got = decodeAttachment(*v.store, info->id);
    const Voicing gotVoicing = voicing(got);
    const Voicing beforeVoicing = voicing(before);
    INFO("active " << activeMs << " ms, paused " << pausedMs << " ms, decoded " << got.durationMs()
                   << " ms; voiced: recorded " << gotVoicing.voicedMs << " ms, before the pause "
                   << beforeVoicing.voicedMs << " ms, during it " << voicing(during).voicedMs << " ms");
    CHECK(got.durationMs() <= static_cast<double>(activeMs) + 100.0);
    CHECK(got.durationMs() >= static_cast<double>(activeMs) - 300.0);
    CHECK(gotVoicing.voicedMs == Approx(beforeVoicing.voicedMs).epsilon(0.1).margin(100));
    CHECK(gotVoicing.spanMs() == Approx(beforeVoicing.spanMs()).margin(100));
}

TEST_CASE("a microphone lost mid-recording ends it with a message and keeps what was recorded", "[pulse]")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"interview"_s));
    const Pcm said = speak(u"The checkpoint was closed all day."_s);

    AudioRecorder recorder;
    QSignalSpy saved(&recorder, &AudioRecorder::saved);
    QSignalSpy failed(&recorder, &AudioRecorder::failed);
    REQUIRE(recorder.start(*v.store, id));
    pump(300);
    playIntoSink(said);
    pump(300);
    const qint64 beforeLoss = recorder.elapsedMs();
    pactl({u"unload-module"_s, remapModule()});
    const bool ended = pumpUntil([&] { return !failed.isEmpty(); }, 6000);
    restoreMicrophone();
    REQUIRE(ended);
    CHECK(recorder.state() == AudioRecorder::State::Idle);
    const QString message = failed.first().first().toString();
    INFO(message.toStdString());
    CHECK(message.contains(u"microphone"));
    CHECK(message.contains(u"was saved"));
    REQUIRE(saved.size() == 1);
    const auto info = saved.first().first().value<AttachmentInfo>();
    CHECK(v.store->attachment(info.id));

    const Pcm got = decodeAttachment(*v.store, info.id);
    CHECK(got.durationMs() >= static_cast<double>(beforeLoss));
    CHECK(voicing(got).spanMs() == Approx(voicing(said).spanMs()).margin(100));
    CHECK_FALSE(recorder.stop()); // nothing is running any more
}
