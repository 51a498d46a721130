#include "audio/AudioRecorder.h"

#include <QAudioSource>
#include <QDateTime>
#include <QMediaDevices>
#include <QTime>
#include <algorithm>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace fv::desktop {
namespace {

/// Longest silence from the sound server before the microphone counts as lost. PulseAudio
/// delivers a fragment every ~50 ms while a stream is running, silence included.
constexpr qint64 kStallMs = 3000;

/// Mono 48 kHz is what Opus codes natively; anything else the device offers is converted.
QAudioFormat wantedFormat()
{
    QAudioFormat f;
    f.setSampleRate(48000);
    f.setChannelCount(1);
    f.setSampleFormat(QAudioFormat::Int16);
    return f;
}

/// Marks the recorder busy for a scope. Qt's PulseAudio source runs the event loop while it is
/// destroyed, so a queued signal or a second click can arrive in the middle of stop(); the public
/// operations refuse to run inside one another.
class BusyScope
{
public:
    explicit BusyScope(bool& flag) : m_flag(flag) { m_flag = true; }
    ~BusyScope() { m_flag = false; }
    BusyScope(const BusyScope&) = delete;
    BusyScope& operator=(const BusyScope&) = delete;

private:
    bool& m_flag;
};

Error userError(ErrorCode code, const QString& message)
{
    return Error{code, message.toStdString()};
}

} // namespace

AudioRecorder::AudioRecorder(QObject* parent) : QObject(parent)
{
    m_watchdog.setInterval(500);
    connect(&m_watchdog, &QTimer::timeout, this, &AudioRecorder::checkStalled);
}

AudioRecorder::~AudioRecorder()
{
    if (m_state != State::Idle)
        static_cast<void>(stop());
}

void AudioRecorder::setDevice(const QAudioDevice& device)
{
    m_requestedDevice = device;
}

Status AudioRecorder::start(TestimonyStore& store, const QString& testimonyId, AttachOptions options)
{
    if (m_state != State::Idle || m_busy)
        return fail(ErrorCode::InvalidArgument, "a recording is already running");
    const BusyScope busy(m_busy);
    if (!m_devices) {
        m_devices = new QMediaDevices(this);
        connect(m_devices, &QMediaDevices::audioInputsChanged, this, &AudioRecorder::onDevicesChanged);
    }
    m_device = m_requestedDevice.isNull() ? QMediaDevices::defaultAudioInput() : m_requestedDevice;
    if (m_device.isNull())
        return std::unexpected(
            userError(ErrorCode::NotFound, tr("No microphone was found. Connect one, or turn it on in the "
                                              "system's sound settings, and try again.")));
    QAudioFormat format = wantedFormat();
    if (!m_device.isFormatSupported(format))
        format = m_device.preferredFormat();
    if (!format.isValid())
        return std::unexpected(userError(
            ErrorCode::Io,
            tr("The microphone \"%1\" reports no usable sound format.").arg(m_device.description())));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (options.mediaType.isEmpty())
        options.mediaType = u"audio/ogg"_s;
    if (!options.kind)
        options.kind = AttachmentKind::Audio;
    if (!options.captured)
        options.captured = now;
    if (options.fileName.isEmpty())
        options.fileName = u"recording-%1.opus"_s.arg(now.toString(u"yyyy-MM-dd-HHmmss"));

    auto writer = store.beginAttachment(testimonyId, std::move(options));
    if (!writer)
        return std::unexpected(userError(writer.error().code, messageFor(writer.error())));
    auto encoder = OpusAttachmentEncoder::create(std::move(*writer), format.sampleRate());
    if (!encoder)
        return std::unexpected(userError(encoder.error().code, messageFor(encoder.error())));
    m_encoder.emplace(std::move(*encoder));

    m_source = new QAudioSource(m_device, format, this);
    m_io = m_source->start();
    if (!m_io || m_source->error() != QAudio::NoError) {
        teardown();
        m_encoder.reset(); // abandons the empty attachment
        return std::unexpected(
            userError(ErrorCode::Io, tr("The microphone \"%1\" could not be opened. It may be "
                                        "in use by another program or disconnected.")
                                         .arg(m_device.description())));
    }
    // Queued, so that no handler deletes the source (on an error) from inside one of its signals.
    connect(m_io, &QIODevice::readyRead, this, &AudioRecorder::onReadyRead, Qt::QueuedConnection);
    connect(m_source, &QAudioSource::stateChanged, this, &AudioRecorder::onSourceStateChanged,
            Qt::QueuedConnection);
    m_recordedMs = 0;
    m_sinceData.start();
    m_watchdog.start();
    setState(State::Recording);
    emit elapsed(0);
    return {};
}

void AudioRecorder::pause()
{
    if (m_state != State::Recording || m_busy)
        return;
    drain();
    if (m_state != State::Recording) // drain() may have ended the recording on an error
        return;
    const BusyScope busy(m_busy);
    m_source->suspend();
    // Qt suspends only a stream that has delivered sound; one paused before that keeps running,
    // and what it captures while paused is thrown away.
    m_dropWhilePaused = m_source->state() != QAudio::SuspendedState;
    setState(State::Paused);
}

void AudioRecorder::resume()
{
    if (m_state != State::Paused || m_busy)
        return;
    const BusyScope busy(m_busy);
    m_source->resume();
    m_dropWhilePaused = false;
    m_sinceData.restart();
    setState(State::Recording);
}

Result<AttachmentInfo> AudioRecorder::stop()
{
    if (m_state == State::Idle || m_busy)
        return fail(ErrorCode::InvalidArgument, "no recording is running");
    drain();
    if (m_state == State::Idle) // drain() ended it on an error, already reported by failed()
        return fail(ErrorCode::Io,
                    tr("The recording had already stopped because of an error.").toStdString());
    const BusyScope busy(m_busy);
    teardown();
    auto info = m_encoder->finish();
    m_encoder.reset();
    setState(State::Idle);
    if (!info)
        return std::unexpected(userError(
            info.error().code, tr("The recording could not be saved: %1").arg(messageFor(info.error()))));
    emit saved(*info);
    return info;
}

void AudioRecorder::cancel()
{
    if (m_state == State::Idle || m_busy)
        return;
    const BusyScope busy(m_busy);
    teardown();
    m_encoder.reset(); // abandons: the encrypted temporary blob is deleted
    setState(State::Idle);
}

qint64 AudioRecorder::elapsedMs() const noexcept
{
    return m_recordedMs;
}

QAudioFormat AudioRecorder::captureFormat() const
{
    return m_source ? m_source->format() : QAudioFormat();
}

void AudioRecorder::onReadyRead()
{
    if (m_state == State::Recording)
        drain();
    else if (m_state == State::Paused && m_dropWhilePaused)
        m_io->readAll();
}

void AudioRecorder::onSourceStateChanged()
{
    if (!m_source || m_state == State::Idle)
        return;
    const QAudio::Error error = m_source->error();
    if (error == QAudio::FatalError || error == QAudio::OpenError || error == QAudio::IOError)
        endWithError(tr("The microphone stopped working."));
}

void AudioRecorder::onDevicesChanged()
{
    if (m_state == State::Idle)
        return;
    const auto inputs = QMediaDevices::audioInputs();
    const bool present = std::any_of(inputs.begin(), inputs.end(),
                                     [&](const QAudioDevice& d) { return d.id() == m_device.id(); });
    if (!present)
        endWithError(tr("The microphone \"%1\" was disconnected.").arg(m_device.description()));
}

void AudioRecorder::checkStalled()
{
    // Qt 6.4 updates its device list when a source goes away but does not always signal it.
    onDevicesChanged();
    if (m_state == State::Recording && m_sinceData.elapsed() > kStallMs)
        endWithError(tr("The microphone stopped sending sound (was it unplugged?)."));
}

void AudioRecorder::drain()
{
    if (!m_io)
        return;
    for (;;) {
        const QByteArray data = m_io->read(64 * 1024);
        if (data.isEmpty())
            return;
        consume(data.constData(), data.size());
        if (m_state == State::Idle)
            return;
    }
}

void AudioRecorder::consume(const char* data, qsizetype bytes)
{
    const QAudioFormat format = m_source->format();
    const int frameBytes = format.bytesPerFrame();
    const int sampleBytes = format.bytesPerSample();
    const int channels = format.channelCount();
    if (frameBytes <= 0)
        return;
    m_partial.append(data, bytes);
    const qsizetype frames = m_partial.size() / frameBytes;
    if (frames == 0)
        return;
    m_mono.resize(static_cast<std::size_t>(frames));
    float peak = 0.0f;
    const char* p = m_partial.constData();
    for (qsizetype i = 0; i < frames; ++i, p += frameBytes) {
        float sum = 0.0f;
        for (int c = 0; c < channels; ++c)
            sum += format.normalizedSampleValue(p + c * sampleBytes);
        const float v = std::clamp(sum / static_cast<float>(channels), -1.0f, 1.0f);
        m_mono[static_cast<std::size_t>(i)] = v;
        peak = std::max(peak, std::fabs(v));
    }
    m_partial.remove(0, frames * frameBytes);
    m_sinceData.restart();
    if (auto st = m_encoder->write(m_mono); !st) {
        endWithError(messageFor(st.error()));
        return;
    }
    m_recordedMs = m_encoder->samplesWritten() * 1000 / m_encoder->sampleRate();
    emit level(peak);
    emit elapsed(m_recordedMs);
}

void AudioRecorder::endWithError(const QString& message)
{
    if (m_busy || m_state == State::Idle)
        return;
    const BusyScope busy(m_busy);
    drain();
    teardown();
    QString outcome;
    std::optional<AttachmentInfo> kept;
    if (m_encoder->samplesWritten() == 0) {
        outcome = tr("Nothing had been recorded yet.");
    } else if (auto info = m_encoder->finish()) {
        kept = *info;
        outcome = tr("What was recorded until then (%1) was saved.")
                      .arg(QTime(0, 0).addMSecs(static_cast<int>(m_recordedMs)).toString(u"mm:ss"_s));
    } else {
        outcome = tr("The recording could not be saved: %1").arg(messageFor(info.error()));
    }
    m_encoder.reset();
    setState(State::Idle);
    if (kept)
        emit saved(*kept);
    emit failed(message + u' ' + outcome);
}

void AudioRecorder::teardown()
{
    m_watchdog.stop();
    m_partial.clear();
    // Cleared before the delete, which runs the event loop (see BusyScope).
    QAudioSource* source = std::exchange(m_source, nullptr);
    m_io = nullptr;
    if (source) {
        source->disconnect(this);
        source->stop();
        delete source;
    }
}

void AudioRecorder::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

QString AudioRecorder::messageFor(const Error& error) const
{
    switch (error.code) {
    case ErrorCode::DiskFull:
        return tr("The disk is full.");
    case ErrorCode::Io:
        return tr("The vault could not be written to (%1).").arg(QString::fromStdString(error.message));
    case ErrorCode::NotFound:
        return tr("The testimony is no longer in the vault.");
    default:
        return QString::fromStdString(error.message);
    }
}

} // namespace fv::desktop
