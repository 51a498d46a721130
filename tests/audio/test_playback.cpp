// Playback under a real PulseAudio server: AudioPlayer over a stored recording reports its length,
// seeks, pauses, reaches the end; and what it plays into the null sink, recorded again from the
// monitor, is the same speech.
#include "AudioTestSupport.h"
#include "audio/AudioPlayer.h"
#include "audio/AudioRecorder.h"
#include "core/test_domain_support.h"

#include <QElapsedTimer>
#include <QSignalSpy>

using namespace fv;
using namespace fv::desktop;
using namespace fvaudio;
using namespace Qt::StringLiterals;

namespace {

/// Records `said`, played into the sink, with 300 ms of silence on each side.
AttachmentInfo recordSpeech(TestimonyStore& store, const QString& id, const Pcm& said)
{
    AudioRecorder recorder;
    REQUIRE(recorder.start(store, id));
    pump(300);
    playIntoSink(said);
    pump(300);
    auto info = recorder.stop();
    REQUIRE(info);
    return *info;
}

} // namespace

TEST_CASE("the player reports the length of a stored recording, seeks, pauses and ends", "[pulse]")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"interview"_s));
    const AttachmentInfo info = recordSpeech(
        *v.store, id, speak(u"My father was arrested at the checkpoint on Friday, after the prayers."_s));
    const Pcm stored = decodeAttachment(*v.store, info.id);

    AudioPlayer player;
    QSignalSpy finished(&player, &AudioPlayer::finished);
    QSignalSpy failed(&player, &AudioPlayer::failed);
    REQUIRE(player.open(*v.store, info.id));
    CHECK(player.isOpen());
    CHECK(player.state() == AudioPlayer::State::Stopped);
    CHECK(std::abs(static_cast<double>(player.duration()) - stored.durationMs()) <= 1.0);
    CHECK(player.position() == 0);

    player.seek(1000);
    CHECK(player.position() == 1000);
    player.play();
    CHECK(player.state() == AudioPlayer::State::Playing);
    QElapsedTimer wall;
    wall.start();
    pump(800);
    qint64 pos = player.position();
    qint64 heard = wall.elapsed();
    INFO("position " << pos << " ms after " << heard << " ms of playing from 1000 ms");
    // What has been heard: not ahead of the clock, and behind it by at most the output buffer
    // (200 ms) plus start-up latency.
    CHECK(pos <= 1000 + heard + 50);
    CHECK(pos >= 1000 + heard - 500);

    player.pause();
    CHECK(player.state() == AudioPlayer::State::Paused);
    const qint64 pausedAt = player.position();
    pump(400);
    CHECK(std::abs(player.position() - pausedAt) <= 20);

    // Seeking while paused stays paused; play goes on from there and reaches the end.
    player.seek(player.duration() - 700);
    CHECK(player.state() == AudioPlayer::State::Paused);
    CHECK(player.position() == player.duration() - 700);
    player.play();
    CHECK(pumpUntil([&] { return !finished.isEmpty(); }, 5000));
    CHECK(player.state() == AudioPlayer::State::Stopped);
    CHECK(player.position() == 0);
    CHECK(failed.isEmpty());

    // Seeking past the end is clamped.
    player.seek(player.duration() + 60000);
    CHECK(player.position() == player.duration());
}

TEST_CASE("what the player plays is the recorded speech", "[pulse]")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"interview"_s));
    const Pcm said = speak(u"We carried the wounded to the field hospital behind the mosque."_s);
    const AttachmentInfo original = recordSpeech(*v.store, id, said);
    const Pcm stored = decodeAttachment(*v.store, original.id);

    // Play it into the sink while recording the sink's monitor into a second attachment.
    AudioPlayer player;
    QSignalSpy finished(&player, &AudioPlayer::finished);
    REQUIRE(player.open(*v.store, original.id));
    AudioRecorder again;
    REQUIRE(again.start(*v.store, id));
    pump(200);
    player.play();
    REQUIRE(pumpUntil([&] { return !finished.isEmpty(); }, static_cast<int>(player.duration()) + 5000));
    pump(300);
    auto copy = again.stop();
    REQUIRE(copy);

    const Pcm replayed = decodeAttachment(*v.store, copy->id);
    const Voicing storedVoicing = voicing(stored);
    const Voicing replayedVoicing = voicing(replayed);
    INFO("speech span stored " << storedVoicing.spanMs() << " ms, replayed " << replayedVoicing.spanMs()
                               << " ms; speech RMS stored " << speechRms(stored) << ", replayed "
                               << speechRms(replayed));
    CHECK(replayedVoicing.spanMs() == Approx(storedVoicing.spanMs()).margin(100));
    CHECK(replayedVoicing.voicedMs == Approx(storedVoicing.voicedMs).epsilon(0.1).margin(100));
    CHECK(speechRms(replayed) == Approx(speechRms(stored)).epsilon(0.25));
}
