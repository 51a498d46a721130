#include "audio/AudioPlayer.h"

#include <QAudioSink>
#include <QIODevice>
#include <QMediaDevices>
#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

namespace fv::desktop {
namespace {

constexpr int kChannels = 2;
constexpr int kFrameBytes = kChannels * static_cast<int>(sizeof(std::int16_t));
/// About 200 ms of sound queued at the sound server: enough to ride out a busy GUI thread, short
/// enough for pause and seek to feel immediate.
constexpr qsizetype kSinkBufferBytes = OpusAttachmentDecoder::kSampleRate / 5 * kFrameBytes;
/// Once the last sound was handed over, the end counts as reached after at most this long.
constexpr qint64 kDrainMs = 2000;

} // namespace

/// Decoded PCM on demand for QAudioSink's pull mode. Returns 0 only at the end (or on an error,
/// kept in error()): Qt's PulseAudio sink stops pulling at the first empty read.
class PcmPullDevice : public QIODevice
{
public:
    explicit PcmPullDevice(OpusAttachmentDecoder& decoder) : m_decoder(decoder) {}

    bool isSequential() const override { return true; }
    bool atEnd() const override { return m_atEnd; }
    const QString& error() const { return m_error; }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        const auto frames = static_cast<std::size_t>(maxSize / kFrameBytes);
        if (m_atEnd || frames == 0)
            return 0;
        m_buffer.resize(frames * kChannels);
        auto got = m_decoder.readStereo(m_buffer);
        if (!got) {
            m_error = QString::fromStdString(got.error().message);
            m_atEnd = true;
            return 0;
        }
        if (*got == 0) {
            m_atEnd = true;
            return 0;
        }
        const auto bytes = static_cast<qint64>(*got) * kFrameBytes;
        std::memcpy(data, m_buffer.data(), static_cast<std::size_t>(bytes));
        return bytes;
    }

    qint64 writeData(const char*, qint64) override { return -1; }

private:
    OpusAttachmentDecoder& m_decoder;
    std::vector<std::int16_t> m_buffer;
    QString m_error;
    bool m_atEnd = false;
};

AudioPlayer::AudioPlayer(QObject* parent) : QObject(parent)
{
    m_ticker.setInterval(100);
    connect(&m_ticker, &QTimer::timeout, this, &AudioPlayer::tick);
}

AudioPlayer::~AudioPlayer()
{
    dropSink();
}

void AudioPlayer::setDevice(const QAudioDevice& device)
{
    m_device = device;
}

Status AudioPlayer::open(TestimonyStore& store, const QString& attachmentId)
{
    if (m_busy)
        return fail(ErrorCode::InvalidArgument, "the player is busy");
    stop();
    m_decoder.reset();
    auto decoder = OpusAttachmentDecoder::open(store, attachmentId);
    if (!decoder) {
        const Error& e = decoder.error();
        QString message;
        switch (e.code) {
        case ErrorCode::InvalidInput:
        case ErrorCode::Unsupported:
            message = tr("This attachment is not a recording that can be played here.");
            break;
        case ErrorCode::StoreDamaged:
        case ErrorCode::AuthenticationFailed:
            message = tr("This recording is damaged in the vault and cannot be played.");
            break;
        case ErrorCode::NotFound:
            message = tr("This recording is no longer in the vault.");
            break;
        default:
            message = tr("The recording cannot be opened: %1").arg(QString::fromStdString(e.message));
        }
        return std::unexpected(Error{e.code, message.toStdString()});
    }
    m_decoder.emplace(std::move(*decoder));
    m_baseMs = 0;
    emit positionChanged(0);
    return {};
}

void AudioPlayer::play()
{
    if (m_busy)
        return;
    if (!m_decoder || m_state == State::Playing)
        return;
    if (m_state == State::Paused && m_sink) {
        m_sink->resume();
        setState(State::Playing);
        m_ticker.start();
        return;
    }
    startSink();
}

void AudioPlayer::pause()
{
    if (m_busy)
        return;
    if (m_state != State::Playing)
        return;
    m_sink->suspend();
    m_ticker.stop();
    setState(State::Paused);
    emit positionChanged(position());
}

void AudioPlayer::stop()
{
    if (m_busy)
        return;
    dropSink();
    if (m_decoder)
        static_cast<void>(m_decoder->seek(0));
    m_baseMs = 0;
    setState(State::Stopped);
    emit positionChanged(0);
}

void AudioPlayer::seek(qint64 ms)
{
    if (m_busy)
        return;
    if (!m_decoder)
        return;
    const qint64 target = std::clamp<qint64>(ms, 0, duration());
    const bool wasPlaying = m_state == State::Playing;
    dropSink();
    if (auto st = m_decoder->seek(target * OpusAttachmentDecoder::kSampleRate / 1000); !st) {
        stopWithError(tr("The recording cannot be played from there: %1")
                          .arg(QString::fromStdString(st.error().message)));
        return;
    }
    m_baseMs = target;
    emit positionChanged(target);
    if (wasPlaying)
        startSink();
}

qint64 AudioPlayer::duration() const noexcept
{
    return m_decoder ? m_decoder->durationMs() : 0;
}

qint64 AudioPlayer::position() const
{
    if (!m_sink)
        return m_baseMs;
    return std::min(duration(), m_baseMs + m_sink->processedUSecs() / 1000);
}

void AudioPlayer::startSink()
{
    const QAudioDevice device = m_device.isNull() ? QMediaDevices::defaultAudioOutput() : m_device;
    if (device.isNull()) {
        stopWithError(tr("No loudspeaker or headphones were found to play the recording on."));
        return;
    }
    QAudioFormat format;
    format.setSampleRate(OpusAttachmentDecoder::kSampleRate);
    format.setChannelCount(kChannels);
    format.setSampleFormat(QAudioFormat::Int16);
    m_pcm = new PcmPullDevice(*m_decoder);
    m_pcm->open(QIODevice::ReadOnly);
    m_sink = new QAudioSink(device, format, this);
    m_sink->setBufferSize(kSinkBufferBytes);
    // Queued, so that no handler deletes the sink (on an error) from inside one of its signals.
    connect(m_sink, &QAudioSink::stateChanged, this, &AudioPlayer::onSinkStateChanged, Qt::QueuedConnection);
    m_baseMs = m_decoder->position() * 1000 / OpusAttachmentDecoder::kSampleRate;
    m_sink->start(m_pcm);
    if (m_sink->error() != QAudio::NoError || m_sink->state() == QAudio::StoppedState) {
        stopWithError(tr("The sound output \"%1\" could not be opened.").arg(device.description()));
        return;
    }
    m_idleSince.invalidate();
    m_ticker.start();
    setState(State::Playing);
}

void AudioPlayer::dropSink()
{
    m_ticker.stop();
    // Cleared before the delete, which may run the event loop (a click can arrive meanwhile; the
    // public operations check m_busy).
    QAudioSink* sink = std::exchange(m_sink, nullptr);
    PcmPullDevice* pcm = std::exchange(m_pcm, nullptr);
    if (sink) {
        const bool wasBusy = std::exchange(m_busy, true);
        sink->disconnect(this);
        sink->stop();
        delete sink;
        delete pcm;
        m_busy = wasBusy;
    }
}

void AudioPlayer::tick()
{
    if (m_state != State::Playing || !m_sink)
        return;
    const qint64 pos = position();
    emit positionChanged(pos);
    if (!m_pcm->atEnd())
        return;
    if (!m_idleSince.isValid())
        m_idleSince.start();
    // Everything is decoded; the end is reached once the sink has played what it was given.
    if (pos >= duration() - 20 || m_idleSince.elapsed() > kDrainMs)
        finishPlayback();
}

void AudioPlayer::onSinkStateChanged()
{
    if (!m_sink)
        return;
    const QAudio::Error error = m_sink->error();
    if (error == QAudio::FatalError || error == QAudio::OpenError || error == QAudio::IOError) {
        stopWithError(tr("The sound output stopped working."));
        return;
    }
    if (m_pcm && !m_pcm->error().isEmpty())
        stopWithError(tr("The recording cannot be played any further: %1").arg(m_pcm->error()));
}

void AudioPlayer::finishPlayback()
{
    stop();
    emit finished();
}

void AudioPlayer::stopWithError(const QString& message)
{
    const qint64 at = position();
    dropSink();
    m_baseMs = at;
    setState(State::Stopped);
    emit failed(message);
}

void AudioPlayer::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace fv::desktop
