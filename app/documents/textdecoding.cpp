#include "textdecoding.h"

#include "documenterror.h"

#include <memory>
#include <QStringDecoder>
#include <uchardet/uchardet.h>

namespace documents {

namespace {

QString bomEncoding(const QByteArray& bytes)
{
    // UTF-32 first: its little-endian mark begins with UTF-16's.
    if (bytes.startsWith(QByteArray("\xFF\xFE\x00\x00", 4)))
        return QStringLiteral("UTF-32LE");
    if (bytes.startsWith(QByteArray("\x00\x00\xFE\xFF", 4)))
        return QStringLiteral("UTF-32BE");
    if (bytes.startsWith("\xEF\xBB\xBF"))
        return QStringLiteral("UTF-8");
    if (bytes.startsWith("\xFF\xFE"))
        return QStringLiteral("UTF-16LE");
    if (bytes.startsWith("\xFE\xFF"))
        return QStringLiteral("UTF-16BE");
    return {};
}

bool looksBinary(QStringView text)
{
    qsizetype control = 0;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u == 0)
            return true;
        if (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f')
            ++control;
    }
    // Real text has hardly any control characters; one in a hundred is already a binary file.
    return control > text.size() / 100;
}

} // namespace

QString detectEncoding(const QByteArray& bytes)
{
    const QString bom = bomEncoding(bytes);
    if (!bom.isEmpty())
        return bom;
    if (bytes.contains('\0'))
        fail(tr("it contains binary data (NUL bytes), so it is not a text file; if it is UTF-16 text, "
                "save it with a byte-order mark or as UTF-8"));
    std::unique_ptr<std::remove_pointer_t<uchardet_t>, void (*)(uchardet_t)> detector(uchardet_new(),
                                                                                      uchardet_delete);
    // Feeding the whole file would cost time on large files; the first megabyte decides.
    const QByteArray sample = bytes.left(1 << 20);
    if (uchardet_handle_data(detector.get(), sample.constData(), static_cast<size_t>(sample.size())) != 0)
        fail(tr("the text encoding could not be detected (out of memory)"));
    uchardet_data_end(detector.get());
    const QString name = QString::fromLatin1(uchardet_get_charset(detector.get()));
    if (name.isEmpty() || name == QLatin1String("ASCII"))
        return QStringLiteral("UTF-8"); // ASCII is UTF-8; empty means no evidence against UTF-8
    return name;
}

QString decodeText(const QByteArray& bytes)
{
    const QString encoding = detectEncoding(bytes);
    QStringDecoder decoder(qPrintable(encoding), QStringDecoder::Flag::Stateless);
    if (!decoder.isValid())
        fail(tr("its text encoding %1 is not supported here; convert the file to UTF-8").arg(encoding));
    QString text = decoder(bytes);
    if (decoder.hasError() && encoding.startsWith(QLatin1String("UTF")))
        fail(tr("it is not valid %1 text (the file may be damaged or binary); convert it to UTF-8")
                 .arg(encoding));
    if (!text.isEmpty() && text.front() == QChar(0xFEFF))
        text.remove(0, 1);
    if (looksBinary(text))
        fail(tr("it contains binary data, so it is not a text file; open it with the program that made it "
                "and export it as text or PDF"));
    return text;
}

} // namespace documents
