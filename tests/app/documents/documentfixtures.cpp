#include "documentfixtures.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

namespace fixtures {

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
}

void writeTextPdf(const QString& path, const QStringList& pages, const QString& title)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A6));
    writer.setResolution(72);
    writer.setTitle(title);
    QPainter painter(&writer);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(10);
    painter.setFont(font);
    for (qsizetype i = 0; i < pages.size(); ++i) {
        if (i > 0)
            writer.newPage();
        painter.drawText(QRect(20, 20, 250, 360), Qt::TextWordWrap, pages[i]);
    }
}

void writeImagePdf(const QString& path, const QString& text)
{
    // A6 at 300 dpi; black text on white, large enough for Tesseract to read reliably.
    QImage image(1240, 1748, QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        QFont font(QStringLiteral("DejaVu Sans"));
        font.setPixelSize(56);
        painter.setFont(font);
        painter.setPen(Qt::black);
        painter.drawText(QRect(80, 120, 1080, 1500), Qt::TextWordWrap, text);
    }
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A6));
    writer.setResolution(300);
    QPainter painter(&writer);
    painter.drawImage(QRect(0, 0, 1240, 1748), image);
}

namespace {

QByteArray pdfString(const QString& text)
{
    QByteArray s = text.toLatin1();
    s.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
    return '(' + s + ')';
}

} // namespace

QByteArray handWrittenPdf(const QStringList& pages, const QList<QPair<int, QString>>& outline,
                          const QString& title, const QString& author)
{
    // Objects: 1 catalog, 2 page tree, 3 outline root, 4 font, 5 info, then each page and its
    // content stream, then the outline entries.
    const int n = static_cast<int>(pages.size());
    const int firstOutline = 6 + 2 * n;
    QList<QByteArray> objects;
    objects << "<< /Type /Catalog /Pages 2 0 R /Outlines 3 0 R >>";
    QByteArray kids;
    for (int i = 0; i < n; ++i)
        kids += QByteArray::number(6 + 2 * i) + " 0 R ";
    objects << "<< /Type /Pages /Kids [" + kids + "] /Count " + QByteArray::number(n) + " >>";
    objects << (outline.isEmpty()
                    ? QByteArray("<< /Type /Outlines /Count 0 >>")
                    : "<< /Type /Outlines /First " + QByteArray::number(firstOutline) + " 0 R /Last " +
                          QByteArray::number(firstOutline + outline.size() - 1) + " 0 R /Count " +
                          QByteArray::number(outline.size()) + " >>");
    objects << "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    objects << "<< /Title " + pdfString(title) + " /Author " + pdfString(author) + " >>";
    for (int i = 0; i < n; ++i) {
        objects
            << "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Resources << /Font << /F1 4 0 R >> >> "
               "/Contents " +
                   QByteArray::number(7 + 2 * i) + " 0 R >>";
        QByteArray content = "BT /F1 12 Tf 14 TL 20 370 Td ";
        for (const QString& line : pages[i].split(QLatin1Char('\n')))
            content += pdfString(line) + " Tj T* ";
        content += "ET";
        objects << "<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content +
                       "\nendstream";
    }
    for (qsizetype j = 0; j < outline.size(); ++j) {
        QByteArray item = "<< /Title " + pdfString(outline[j].second) + " /Parent 3 0 R /Dest [" +
                          QByteArray::number(6 + 2 * (outline[j].first - 1)) + " 0 R /Fit]";
        if (j > 0)
            item += " /Prev " + QByteArray::number(firstOutline + j - 1) + " 0 R";
        if (j + 1 < outline.size())
            item += " /Next " + QByteArray::number(firstOutline + j + 1) + " 0 R";
        objects << item + " >>";
    }
    QByteArray pdf = "%PDF-1.4\n";
    QList<qsizetype> offsets;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        offsets << pdf.size();
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (qsizetype offset : offsets)
        pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) +
           " /Root 1 0 R /Info 5 0 R >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

bool encryptPdf(const QString& in, const QString& out, const QString& password)
{
    const QString qpdf = QStandardPaths::findExecutable(QStringLiteral("qpdf"));
    if (qpdf.isEmpty())
        return false;
    QProcess p;
    p.start(qpdf, {QStringLiteral("--encrypt"), password, QStringLiteral("owner-") + password,
                   QStringLiteral("256"), QStringLiteral("--"), in, out});
    return p.waitForFinished(30000) && p.exitCode() == 0;
}

void writeZip(const QString& path, const QList<QPair<QString, QByteArray>>& entries)
{
    QuaZip zip(path);
    QVERIFY(zip.open(QuaZip::mdCreate));
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QuaZipFile file(&zip);
        const int method = i == 0 ? 0 : Z_DEFLATED;
        QVERIFY(file.open(QIODevice::WriteOnly, QuaZipNewInfo(entries[i].first), nullptr, 0, method));
        QCOMPARE(file.write(entries[i].second), entries[i].second.size());
        file.close();
        QCOMPARE(file.getZipError(), ZIP_OK);
    }
    zip.close();
    QCOMPARE(zip.getZipError(), ZIP_OK);
}

QByteArray docxDocument(const QByteArray& body)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
           body + "</w:body></w:document>";
}

void writeDocx(const QString& path, const QByteArray& documentXml, const QByteArray& stylesXml,
               const QByteArray& footnotesXml, const QByteArray& coreXml, const QByteArray& endnotesXml)
{
    QList<QPair<QString, QByteArray>> entries{
        {QStringLiteral("[Content_Types].xml"),
         "<?xml version=\"1.0\"?><Types "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
        {QStringLiteral("word/document.xml"), documentXml}};
    if (!stylesXml.isEmpty())
        entries.append({QStringLiteral("word/styles.xml"), stylesXml});
    if (!footnotesXml.isEmpty())
        entries.append({QStringLiteral("word/footnotes.xml"), footnotesXml});
    if (!endnotesXml.isEmpty())
        entries.append({QStringLiteral("word/endnotes.xml"), endnotesXml});
    if (!coreXml.isEmpty())
        entries.append({QStringLiteral("docProps/core.xml"), coreXml});
    writeZip(path, entries);
}

} // namespace fixtures
