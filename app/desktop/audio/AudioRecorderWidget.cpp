#include "audio/AudioRecorderWidget.h"

#include "audio/ClockText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>

namespace fv::desktop {
namespace {

/// The meter shows -60 dBFS .. 0 dBFS: speech sits in the upper half, silence at the left.
int meterValue(float peak)
{
    if (peak <= 0.001f)
        return 0;
    const double db = 20.0 * std::log10(static_cast<double>(peak));
    return static_cast<int>(std::lround(std::clamp((db + 60.0) / 60.0, 0.0, 1.0) * 100.0));
}

} // namespace

AudioRecorderWidget::AudioRecorderWidget(TestimonyStore& store, const QString& testimonyId, QWidget* parent)
    : QWidget(parent), m_store(store), m_testimonyId(testimonyId),
      m_recordButton(new QPushButton(tr("&Record"), this)),
      m_pauseButton(new QPushButton(tr("&Pause"), this)), m_stopButton(new QPushButton(tr("&Stop"), this)),
      m_meter(new QProgressBar(this)), m_time(new QLabel(clockText(0), this)), m_message(new QLabel(this))
{
    m_recordButton->setObjectName(QStringLiteral("recordButton"));
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_meter->setObjectName(QStringLiteral("levelMeter"));
    m_time->setObjectName(QStringLiteral("elapsedLabel"));
    m_message->setObjectName(QStringLiteral("messageLabel"));

    m_recordButton->setToolTip(tr("Record the interview into the vault"));
    m_pauseButton->setToolTip(tr("Pause the recording; the pause is not recorded"));
    m_stopButton->setToolTip(tr("Stop and save the recording"));
    m_meter->setRange(0, 100);
    m_meter->setTextVisible(false);
    m_meter->setAccessibleName(tr("Microphone level"));
    m_time->setAccessibleName(tr("Recorded time"));
    m_message->setAccessibleName(tr("Recording status"));
    m_message->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_recordButton);
    buttons->addWidget(m_pauseButton);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(m_meter, 1);
    buttons->addWidget(m_time);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    connect(m_recordButton, &QPushButton::clicked, this, &AudioRecorderWidget::record);
    connect(m_pauseButton, &QPushButton::clicked, this, &AudioRecorderWidget::togglePause);
    connect(m_stopButton, &QPushButton::clicked, this, &AudioRecorderWidget::stopRecording);
    connect(&m_recorder, &AudioRecorder::stateChanged, this, &AudioRecorderWidget::updateControls);
    connect(&m_recorder, &AudioRecorder::level, this, &AudioRecorderWidget::showLevel);
    connect(&m_recorder, &AudioRecorder::elapsed, this,
            [this](qint64 ms) { m_time->setText(clockText(ms)); });
    connect(&m_recorder, &AudioRecorder::saved, this, [this](const AttachmentInfo& info) {
        showMessage(tr("The recording (%1) was saved in the vault.").arg(clockText(m_recorder.elapsedMs())));
        emit recorded(info);
    });
    // After saved(), so its message is the one left on screen.
    connect(&m_recorder, &AudioRecorder::failed, this, &AudioRecorderWidget::showMessage);
    updateControls();
}

AudioRecorderWidget::~AudioRecorderWidget()
{
    // Here rather than in the recorder's destructor, so recorded() comes from a whole widget.
    if (m_recorder.state() != AudioRecorder::State::Idle)
        static_cast<void>(m_recorder.stop());
}

void AudioRecorderWidget::record()
{
    showMessage({});
    if (auto st = m_recorder.start(m_store, m_testimonyId); !st)
        showMessage(QString::fromStdString(st.error().message));
    else
        m_pauseButton->setFocus();
}

void AudioRecorderWidget::togglePause()
{
    if (m_recorder.state() == AudioRecorder::State::Recording)
        m_recorder.pause();
    else
        m_recorder.resume();
}

void AudioRecorderWidget::stopRecording()
{
    if (auto info = m_recorder.stop(); !info)
        showMessage(QString::fromStdString(info.error().message));
    m_recordButton->setFocus();
}

void AudioRecorderWidget::updateControls()
{
    const AudioRecorder::State state = m_recorder.state();
    const bool idle = state == AudioRecorder::State::Idle;
    m_recordButton->setEnabled(idle);
    m_pauseButton->setEnabled(!idle);
    m_stopButton->setEnabled(!idle);
    m_pauseButton->setText(state == AudioRecorder::State::Paused ? tr("Res&ume") : tr("&Pause"));
    if (state != AudioRecorder::State::Recording)
        m_meter->setValue(0);
}

void AudioRecorderWidget::showLevel(float peak)
{
    m_meter->setValue(meterValue(peak));
}

void AudioRecorderWidget::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

} // namespace fv::desktop
