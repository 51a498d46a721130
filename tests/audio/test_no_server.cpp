// Without a sound server (PULSE_SERVER names a socket that does not exist; see CMakeLists.txt):
// recording and playing fail at once with a message for the user, and leave nothing behind.
#include "AudioTestSupport.h"
#include "audio/AudioPlayer.h"
#include "audio/AudioRecorder.h"
#include "audio/OpusAttachmentEncoder.h"
#include "core/test_domain_support.h"

#include <QSignalSpy>

using namespace fv;
using namespace fv::desktop;
using namespace fvaudio;
using namespace Qt::StringLiterals;

TEST_CASE("without a microphone, recording says so and creates nothing", "[no-server]")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    AudioRecorder recorder;
    QSignalSpy states(&recorder, &AudioRecorder::stateChanged);
    auto st = recorder.start(*v.store, id);
    REQUIRE_FALSE(st);
    CHECK(st.error().code == ErrorCode::NotFound);
    CHECK(st.error().message.starts_with("No microphone was found."));
    CHECK(recorder.state() == AudioRecorder::State::Idle);
    CHECK(states.isEmpty());
    CHECK(QDir(QString::fromStdString(v.blobs->directory().string()))
              .entryList(QDir::Files | QDir::Hidden | QDir::System)
              .isEmpty());
    CHECK(v.rows("attachments") == 0);
}

TEST_CASE("without a loudspeaker, playing says so", "[no-server]")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    auto writer = v.store->beginAttachment(id, {.mediaType = u"audio/ogg"_s});
    REQUIRE(writer);
    auto encoder = OpusAttachmentEncoder::create(std::move(*writer), 48000);
    REQUIRE(encoder);
    REQUIRE(encoder->write(std::vector<float>(48000, 0.0f)));
    auto info = encoder->finish();
    REQUIRE(info);

    AudioPlayer player;
    QSignalSpy failed(&player, &AudioPlayer::failed);
    REQUIRE(player.open(*v.store, info->id));
    CHECK(player.duration() == 1000);
    player.play();
    REQUIRE(failed.size() == 1);
    CHECK(failed.first().first().toString().startsWith(u"No loudspeaker or headphones were found"));
    CHECK(player.state() == AudioPlayer::State::Stopped);
}
