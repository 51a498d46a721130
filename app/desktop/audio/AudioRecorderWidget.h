#pragma once
// The recording controls the testimony editor embeds: Record, Pause/Resume, Stop, a level meter,
// the recorded time (mm:ss) and a line for messages. Each saved recording is announced by
// recorded().

#include "audio/AudioRecorder.h"
#include "core/Testimony.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace fv {
class TestimonyStore;
}

namespace fv::desktop {

class AudioRecorderWidget : public QWidget
{
    Q_OBJECT

public:
    /// Controls that record into new attachments of testimony `testimonyId` of `store` (which must
    /// outlive the widget). Destroying the widget mid-recording saves what was recorded.
    AudioRecorderWidget(TestimonyStore& store, const QString& testimonyId, QWidget* parent = nullptr);
    /// Stops and saves a recording still running (recorded() is emitted).
    ~AudioRecorderWidget() override;

    /// The recorder behind the controls (to choose a device, or for tests).
    AudioRecorder& recorder() { return m_recorder; }

signals:
    /// A recording was saved as attachment `info` (by Stop, or after an error cut it short).
    void recorded(const fv::AttachmentInfo& info);

private:
    void record();
    void togglePause();
    void stopRecording();
    void updateControls();
    void showLevel(float peak);
    void showMessage(const QString& text);

    TestimonyStore& m_store;
    QString m_testimonyId;
    AudioRecorder m_recorder;
    QPushButton* m_recordButton;
    QPushButton* m_pauseButton;
    QPushButton* m_stopButton;
    QProgressBar* m_meter;
    QLabel* m_time;
    QLabel* m_message;
};

} // namespace fv::desktop
