// The recording and playback widgets driven from the keyboard and mouse, as a delegate would,
// under a real PulseAudio server.
#include "AudioTestSupport.h"
#include "audio/AudioPlayerWidget.h"
#include "audio/AudioRecorderWidget.h"
#include "core/test_domain_support.h"

#include <QApplication>
#include <QBuffer>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

using namespace fv;
using namespace fv::desktop;
using namespace fvaudio;
using namespace Qt::StringLiterals;

namespace {

template <class W>
W* child(QWidget& parent, const char* name)
{
    auto* w = parent.findChild<W*>(QString::fromLatin1(name));
    REQUIRE(w != nullptr);
    return w;
}

/// Every control a keyboard or screen-reader user reaches has a name to announce.
void checkAccessible(QWidget& parent)
{
    for (QWidget* w : parent.findChildren<QWidget*>()) {
        if (auto* b = qobject_cast<QPushButton*>(w))
            CHECK_FALSE(b->text().isEmpty());
        else if (qobject_cast<QSlider*>(w) || qobject_cast<QProgressBar*>(w) || qobject_cast<QLabel*>(w))
            CHECK_FALSE(w->accessibleName().isEmpty());
    }
}

} // namespace

TEST_CASE("the recorder widget records, pauses and saves from the keyboard", "[pulse]")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"interview"_s));
    AudioRecorderWidget widget(*v.store, id);
    widget.show();
    QApplication::setActiveWindow(&widget); // keyboard focus needs an active window, offscreen too
    checkAccessible(widget);
    auto* record = child<QPushButton>(widget, "recordButton");
    auto* pause = child<QPushButton>(widget, "pauseButton");
    auto* stop = child<QPushButton>(widget, "stopButton");
    auto* meter = child<QProgressBar>(widget, "levelMeter");
    auto* time = child<QLabel>(widget, "elapsedLabel");
    auto* message = child<QLabel>(widget, "messageLabel");
    CHECK(record->isEnabled());
    CHECK_FALSE(pause->isEnabled());
    CHECK_FALSE(stop->isEnabled());
    CHECK(time->text() == u"00:00");
    QSignalSpy recorded(&widget, &AudioRecorderWidget::recorded);
    int loudest = 0;
    QObject::connect(meter, &QProgressBar::valueChanged,
                     [&](int value) { loudest = std::max(loudest, value); });

    record->setFocus();
    QTest::keyClick(record, Qt::Key_Space);
    REQUIRE(widget.recorder().state() == AudioRecorder::State::Recording);
    CHECK_FALSE(record->isEnabled());
    CHECK(pause->hasFocus());
    playIntoSink(speak(u"I saw them shoot at the crowd."_s));
    pump(1100 - static_cast<int>(std::min<qint64>(widget.recorder().elapsedMs(), 1000)));
    CHECK(loudest > 50); // speech shows in the upper half of the -60..0 dBFS meter
    CHECK(time->text() != u"00:00");

    QTest::keyClick(pause, Qt::Key_Space);
    CHECK(widget.recorder().state() == AudioRecorder::State::Paused);
    CHECK(pause->text() == u"Res&ume");
    QTest::keyClick(pause, Qt::Key_Space);
    CHECK(widget.recorder().state() == AudioRecorder::State::Recording);
    pump(200);

    QTest::mouseClick(stop, Qt::LeftButton);
    REQUIRE(recorded.size() == 1);
    const auto info = recorded.first().first().value<AttachmentInfo>();
    CHECK(info.kind == AttachmentKind::Audio);
    CHECK(widget.recorder().state() == AudioRecorder::State::Idle);
    CHECK(record->isEnabled());
    CHECK(message->isVisibleTo(&widget));
    CHECK(message->text().contains(u"saved"));
    CHECK(meter->value() == 0);
    const QString recordedTime = time->text();

    // The player widget for that attachment.
    AudioPlayerWidget playerWidget(*v.store, info.id);
    playerWidget.show();
    QApplication::setActiveWindow(&playerWidget);
    checkAccessible(playerWidget);
    auto* play = child<QPushButton>(playerWidget, "playButton");
    auto* slider = child<QSlider>(playerWidget, "positionSlider");
    auto* position = child<QLabel>(playerWidget, "timeLabel");
    CHECK(play->isEnabled());
    CHECK(slider->maximum() == playerWidget.player().duration());
    CHECK(position->text() == u"00:00 / "_s + recordedTime);

    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_Right); // +5 s, clamped to the length when shorter
    CHECK(playerWidget.player().position() == std::min<qint64>(5000, playerWidget.player().duration()));
    QTest::keyClick(slider, Qt::Key_Home);
    CHECK(playerWidget.player().position() == 0);
    CHECK(position->text().startsWith(u"00:00 / "));

    QTest::mouseClick(play, Qt::LeftButton);
    CHECK(playerWidget.player().state() == AudioPlayer::State::Playing);
    CHECK(play->text() == u"&Pause");
    pump(600);
    CHECK(slider->value() > 0);
    QTest::mouseClick(play, Qt::LeftButton);
    CHECK(playerWidget.player().state() == AudioPlayer::State::Paused);
    CHECK(play->text() == u"&Play");
}

TEST_CASE("the player widget says so when an attachment cannot be played", "[pulse]")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    QBuffer text;
    text.setData("Not a recording. "_ba.repeated(50));
    REQUIRE(text.open(QIODevice::ReadOnly));
    auto a = v.store->attach(id, text, {.mediaType = u"audio/ogg"_s});
    REQUIRE(a);
    AudioPlayerWidget widget(*v.store, a->id);
    widget.show();
    CHECK_FALSE(child<QPushButton>(widget, "playButton")->isEnabled());
    CHECK_FALSE(child<QSlider>(widget, "positionSlider")->isEnabled());
    auto* message = child<QLabel>(widget, "messageLabel");
    CHECK(message->isVisibleTo(&widget));
    CHECK(message->text() == u"This attachment is not a recording that can be played here.");
}

TEST_CASE("closing the recorder widget mid-recording saves the recording", "[pulse]")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"interview"_s));
    std::vector<AttachmentInfo> saved;
    {
        AudioRecorderWidget widget(*v.store, id);
        QObject::connect(&widget, &AudioRecorderWidget::recorded,
                         [&](const AttachmentInfo& info) { saved.push_back(info); });
        QTest::mouseClick(child<QPushButton>(widget, "recordButton"), Qt::LeftButton);
        REQUIRE(widget.recorder().state() == AudioRecorder::State::Recording);
        pump(600);
    }
    REQUIRE(saved.size() == 1);
    CHECK(v.rows("attachments") == 1);
    CHECK(decodeAttachment(*v.store, saved.front().id).durationMs() >= 400.0);
}
