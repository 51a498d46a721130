#pragma once
// The playback controls the testimony editor embeds for an audio attachment: Play/Pause, a seek
// slider (arrow keys move 5 s, Page Up/Down 30 s) and "position / length" (mm:ss).

#include "audio/AudioPlayer.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSlider;

namespace fv {
class TestimonyStore;
}

namespace fv::desktop {

class AudioPlayerWidget : public QWidget
{
    Q_OBJECT

public:
    /// Controls for attachment `attachmentId` of `store` (which must outlive the widget). When it
    /// cannot be played, the controls are disabled and the reason is shown instead.
    AudioPlayerWidget(TestimonyStore& store, const QString& attachmentId, QWidget* parent = nullptr);

    /// The player behind the controls (to choose a device, or for tests).
    AudioPlayer& player() { return m_player; }

private:
    void togglePlay();
    void showPosition(qint64 ms);
    void updateControls();
    void showMessage(const QString& text);

    AudioPlayer m_player;
    QPushButton* m_playButton;
    QSlider* m_slider;
    QLabel* m_time;
    QLabel* m_message;
};

} // namespace fv::desktop
