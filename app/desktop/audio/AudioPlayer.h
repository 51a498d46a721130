#pragma once
// Plays an Ogg Opus attachment from the encrypted store: BlobReader (decrypting 64 KiB chunks on
// demand) → libopusfile → 48 kHz stereo 16-bit → QAudioSink. Seekable; no temporary file.

#include "audio/OpusAttachmentDecoder.h"
#include "core/TestimonyStore.h"
#include "crypto/Result.h"

#include <QAudioDevice>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <optional>

class QAudioSink;

namespace fv::desktop {

class PcmPullDevice;

class AudioPlayer : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped, ///< no output open; play() starts at position() (0 after open(), stop() or the end)
        Playing,
        Paused,
    };
    Q_ENUM(State)

    explicit AudioPlayer(QObject* parent = nullptr);
    ~AudioPlayer() override;

    /// The output to play through; a null device (the default) means the system's default output
    /// when playback starts.
    void setDevice(const QAudioDevice& device);

    /// Opens attachment `attachmentId` of `store` (which must outlive the player) and stops any
    /// current playback. Fails with a user-readable message: NotFound, InvalidInput (not an Ogg
    /// Opus recording), StoreDamaged (the encrypted data fails authentication).
    [[nodiscard]] Status open(TestimonyStore& store, const QString& attachmentId);

    /// Starts or continues playback from position(). Emits failed() when no output can be opened.
    void play();

    /// Pauses; play() continues from the same place.
    void pause();

    /// Stops and goes back to the start.
    void stop();

    /// Moves to `ms` (clamped to [0, duration()]), playing on if it was playing.
    void seek(qint64 ms);

    State state() const noexcept { return m_state; }

    /// The length of the open recording in milliseconds (0 when none is open).
    qint64 duration() const noexcept;

    /// The playback position in milliseconds: what has been heard, not what has been decoded.
    qint64 position() const;

    /// Whether a recording is open.
    bool isOpen() const noexcept { return m_decoder.has_value(); }

signals:
    void stateChanged(fv::desktop::AudioPlayer::State state);
    /// position(), about ten times a second while playing, and after seek() and stop().
    void positionChanged(qint64 ms);
    /// Playback reached the end (the state is then Stopped, the position back at the start).
    void finished();
    /// Playback stopped because of an error; the message is for the person in front of the screen.
    void failed(const QString& message);

private:
    void startSink();
    void dropSink();
    void tick();
    void onSinkStateChanged();
    void stopWithError(const QString& message);
    void finishPlayback();
    void setState(State state);

    QAudioDevice m_device;
    std::optional<OpusAttachmentDecoder> m_decoder;
    PcmPullDevice* m_pcm = nullptr; ///< what the sink pulls from; lives as long as the sink
    QAudioSink* m_sink = nullptr;
    qint64 m_baseMs = 0; ///< the position where the current sink started
    State m_state = State::Stopped;
    bool m_busy = false; ///< while the sink is being deleted (Qt may run the event loop then)
    QTimer m_ticker;
    QElapsedTimer m_idleSince; ///< since the last decoded sound went to the sink
};

} // namespace fv::desktop
