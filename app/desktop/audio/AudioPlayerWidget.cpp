#include "audio/AudioPlayerWidget.h"

#include "audio/ClockText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

namespace fv::desktop {

AudioPlayerWidget::AudioPlayerWidget(TestimonyStore& store, const QString& attachmentId, QWidget* parent)
    : QWidget(parent), m_playButton(new QPushButton(tr("&Play"), this)),
      m_slider(new QSlider(Qt::Horizontal, this)), m_time(new QLabel(this)), m_message(new QLabel(this))
{
    m_playButton->setObjectName(QStringLiteral("playButton"));
    m_slider->setObjectName(QStringLiteral("positionSlider"));
    m_time->setObjectName(QStringLiteral("timeLabel"));
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_slider->setAccessibleName(tr("Playback position"));
    m_time->setAccessibleName(tr("Position and length"));
    m_message->setAccessibleName(tr("Playback status"));
    m_message->setWordWrap(true);
    m_slider->setSingleStep(5000);
    m_slider->setPageStep(30000);
    m_slider->setFocusPolicy(Qt::StrongFocus);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_playButton);
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_time);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_message);

    connect(m_playButton, &QPushButton::clicked, this, &AudioPlayerWidget::togglePlay);
    // Keyboard steps and clicks on the groove seek at once; a drag seeks when released.
    connect(m_slider, &QSlider::actionTriggered, this, [this](int action) {
        if (action != QAbstractSlider::SliderMove)
            m_player.seek(m_slider->sliderPosition());
    });
    connect(m_slider, &QSlider::sliderReleased, this, [this] { m_player.seek(m_slider->value()); });
    connect(m_slider, &QSlider::sliderMoved, this, [this](int ms) {
        m_time->setText(tr("%1 / %2").arg(clockText(ms), clockText(m_player.duration())));
    });
    connect(&m_player, &AudioPlayer::positionChanged, this, &AudioPlayerWidget::showPosition);
    connect(&m_player, &AudioPlayer::stateChanged, this, &AudioPlayerWidget::updateControls);
    connect(&m_player, &AudioPlayer::failed, this, &AudioPlayerWidget::showMessage);

    showMessage({});
    if (auto st = m_player.open(store, attachmentId); !st)
        showMessage(QString::fromStdString(st.error().message));
    m_slider->setRange(0, static_cast<int>(m_player.duration()));
    showPosition(0);
    updateControls();
}

void AudioPlayerWidget::togglePlay()
{
    if (m_player.state() == AudioPlayer::State::Playing)
        m_player.pause();
    else
        m_player.play();
}

void AudioPlayerWidget::showPosition(qint64 ms)
{
    if (!m_slider->isSliderDown())
        m_slider->setValue(static_cast<int>(ms));
    m_time->setText(tr("%1 / %2").arg(clockText(ms), clockText(m_player.duration())));
}

void AudioPlayerWidget::updateControls()
{
    const bool open = m_player.isOpen();
    m_playButton->setEnabled(open);
    m_slider->setEnabled(open);
    m_playButton->setText(m_player.state() == AudioPlayer::State::Playing ? tr("&Pause") : tr("&Play"));
}

void AudioPlayerWidget::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

} // namespace fv::desktop
