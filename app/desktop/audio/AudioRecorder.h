#pragma once
// Records an interview from a microphone straight into an encrypted attachment of a testimony:
// QAudioSource (PulseAudio on Debian) → mono float → Ogg Opus (libopusenc) → AttachmentWriter.
// No plaintext file and no temporary file is ever written; a crash mid-recording leaves only an
// encrypted temporary blob that the next vault open deletes. Details: docs/audio.md.
//
// Runs on the thread that owns it (the GUI thread): capture arrives every ~50 ms and costs about
// 2 % of one core to encode (docs/audio.md).

#include "audio/OpusAttachmentEncoder.h"
#include "core/TestimonyStore.h"
#include "crypto/Result.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <optional>
#include <vector>

class QAudioSource;
class QIODevice;
class QMediaDevices;

namespace fv::desktop {

class AudioRecorder : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Idle,      ///< nothing being recorded
        Recording, ///< capturing and encoding
        Paused,    ///< capture suspended; the paused interval is not part of the recording
    };
    Q_ENUM(State)

    explicit AudioRecorder(QObject* parent = nullptr);
    /// A recording still going on is saved as stop() would (a destroyed window must not lose an
    /// interview); call stop() or cancel() yourself before the store goes away, e.g. on lock.
    ~AudioRecorder() override;

    /// The microphone to record from; a null device (the default) means the system's default input
    /// at the time start() is called. Takes effect at the next start().
    void setDevice(const QAudioDevice& device);

    /// Starts recording a new attachment of testimony `testimonyId` into `store`, which must outlive
    /// the recording. Unset options get: media type audio/ogg, kind audio, capture time now, a file
    /// name "recording-<UTC date and time>.opus". Fails with a user-readable message (NotFound:
    /// no microphone, or no such testimony; Io: the microphone cannot be opened) and records
    /// nothing. InvalidArgument when not Idle.
    [[nodiscard]] Status start(TestimonyStore& store, const QString& testimonyId, AttachOptions options = {});

    /// Suspends capture; nothing until resume() becomes part of the recording. Only while Recording.
    void pause();

    /// Continues a paused recording in the same attachment. Only while Paused.
    void resume();

    /// Ends the recording and saves it: the rest of the captured sound is encoded, the Ogg stream
    /// closed and the attachment committed with its custody event; emits saved() too. On an error
    /// (disk full, …) nothing is kept and the message says so. InvalidArgument when Idle.
    [[nodiscard]] Result<AttachmentInfo> stop();

    /// Ends the recording and throws it away: the encrypted temporary blob is deleted.
    void cancel();

    State state() const noexcept { return m_state; }

    /// Length of what has been recorded so far (pauses excluded; the last recording's once it
    /// ended), in milliseconds.
    qint64 elapsedMs() const noexcept;

    /// The format the sound card delivers in the current recording (invalid when Idle).
    QAudioFormat captureFormat() const;

signals:
    void stateChanged(fv::desktop::AudioRecorder::State state);
    /// The peak level (0..1, linear) of the latest ~50 ms of sound.
    void level(float peak);
    /// elapsedMs(), each time more sound has been recorded.
    void elapsed(qint64 ms);
    /// An attachment was saved: by stop(), or after an error cut a recording short.
    void saved(const fv::AttachmentInfo& info);
    /// The recording ended on its own because of an error (microphone lost, disk full, …);
    /// `message` is for the person in front of the screen and says whether what was recorded
    /// up to then was saved (then saved() was emitted first).
    void failed(const QString& message);

private:
    void onReadyRead();
    void onSourceStateChanged();
    void onDevicesChanged();
    void checkStalled();
    void drain();
    void consume(const char* data, qsizetype bytes);
    void endWithError(const QString& message);
    void teardown();
    void setState(State state);
    QString messageFor(const Error& error) const;

    QAudioDevice m_requestedDevice;
    QAudioDevice m_device;
    QAudioSource* m_source = nullptr;
    QIODevice* m_io = nullptr;
    std::optional<OpusAttachmentEncoder> m_encoder;
    State m_state = State::Idle;
    QTimer m_watchdog;
    QElapsedTimer m_sinceData;
    QMediaDevices* m_devices = nullptr;
    QByteArray m_partial; ///< bytes of an incomplete frame, until the rest arrives
    std::vector<float> m_mono;
    qint64 m_recordedMs = 0;
    bool m_busy = false; ///< inside start/pause/resume/stop/cancel or the end on an error
    bool m_dropWhilePaused = false;
};

} // namespace fv::desktop
