#include "settings/QrCode.h"

#include <QPainter>
#include <memory>
#include <qrencode.h>

namespace fv::desktop {

QImage makeQrImage(const QByteArray& data, int moduleSize)
{
    if (data.isEmpty() || moduleSize < 1)
        return {};
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(data.size()),
                          reinterpret_cast<const unsigned char*>(data.constData()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code)
        return {};
    constexpr int quietZone = 4;
    const int modules = code->width;
    const int side = (modules + 2 * quietZone) * moduleSize;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    for (int y = 0; y < modules; ++y) {
        for (int x = 0; x < modules; ++x) {
            // Bit 0 of each byte is the module's colour (1 = dark).
            if (code->data[y * modules + x] & 1)
                painter.drawRect((x + quietZone) * moduleSize, (y + quietZone) * moduleSize, moduleSize,
                                 moduleSize);
        }
    }
    return image;
}

} // namespace fv::desktop
