#pragma once
// A QR code drawn in memory (libqrencode), for showing a card on screen. Never written to a
// file: a picture of a key is still something a searcher could find.
#include <QByteArray>
#include <QImage>

namespace fv::desktop {

/// The QR code of `data` (8-bit mode, error correction M) as a black-on-white image with
/// `moduleSize` pixels per module and the standard 4-module quiet zone. A null image when the
/// data does not fit in a QR code or libqrencode fails.
QImage makeQrImage(const QByteArray& data, int moduleSize = 4);

} // namespace fv::desktop
