// Weight formats: every dequantizer against llama.cpp's own dequantization of real files, hand-made
// blocks whose values were worked out on paper from the block layouts, quantize -> dequantize
// error bounds, and the half-precision conversions.
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/weight_format.h"
#include "testdata.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <random>

using hearth::WeightType;

Q_DECLARE_METATYPE(WeightType)

namespace {

// A zeroed block of a format with a few bytes set, for hand-computed cases.
struct Block {
    QByteArray bytes;
    explicit Block(WeightType type) : bytes(int(hearth::block_bytes(type)), '\0') {}
    Block& u8(int offset, uint8_t v)
    {
        bytes[offset] = char(v);
        return *this;
    }
    Block& u16(int offset, uint16_t v)
    {
        std::memcpy(bytes.data() + offset, &v, 2);
        return *this;
    }
    Block& f32(int offset, float v)
    {
        std::memcpy(bytes.data() + offset, &v, 4);
        return *this;
    }
};

using Expected = QList<QPair<int, float>>; // (index, value)

std::vector<float> dequantize_tensor(const hearth::GgufTensor& t)
{
    std::vector<float> values(size_t(t.elements()));
    const size_t stride = hearth::row_bytes(t.type, t.dims[0]);
    for (int64_t r = 0; r < t.rows(); ++r)
        hearth::dequantize_row(t.type, t.data + r * stride, values.data() + r * t.dims[0], t.dims[0]);
    return values;
}

std::vector<float> gaussian(size_t n, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(1e-7f, 1.0f);
    std::vector<float> v(n);
    for (size_t i = 0; i < n; ++i)
        v[i] = std::sqrt(-2.0f * std::log(u(rng))) * std::cos(6.2831853f * u(rng));
    return v;
}

} // namespace

class TestFormats : public QObject {
    Q_OBJECT

  private slots:
    void tableIsConsistent()
    {
        for (uint32_t id = 0; id < 64; ++id) {
            const auto type = hearth::weight_type_from_id(id);
            if (!type)
                continue;
            QCOMPARE(uint32_t(*type), id);
            QCOMPARE(hearth::weight_type_from_name(hearth::weight_type_name(*type)), type);
            const int64_t block = hearth::block_elements(*type);
            QVERIFY(block == 1 || block == 32 || block == 256);
            QCOMPARE(hearth::row_bytes(*type, block * 3), 3 * hearth::block_bytes(*type));
        }
        QCOMPARE(QString(hearth::weight_type_name(WeightType::Q4_K)), QString("q4_K"));
        QCOMPARE(QString(hearth::weight_type_name(WeightType::IQ4_XS)), QString("iq4_xs"));
        QCOMPARE(hearth::weight_type_from_name("Q6_K"), std::optional(WeightType::Q6_K));
        QVERIFY(!hearth::weight_type_from_id(4));  // the retired Q4_2
        QVERIFY(!hearth::weight_type_from_id(16)); // IQ2_XXS: not supported
        QVERIFY(!hearth::weight_type_from_name("q9_9"));
    }

    void rowLengthMustBeWholeBlocks()
    {
        QVERIFY_THROWS_EXCEPTION(hearth::Error, hearth::row_bytes(WeightType::Q4_K, 100));
        try {
            hearth::row_bytes(WeightType::Q4_0, 33);
            QFAIL("no error");
        } catch (const hearth::Error& e) {
            QCOMPARE(QString(e.what()),
                     QString("a row of 33 values cannot be stored as q4_0, whose blocks hold 32 values"));
        }
        float out[32];
        uint8_t in[64] = {};
        QVERIFY_THROWS_EXCEPTION(hearth::Error, hearth::dequantize_row(WeightType::Q8_0, in, out, 31));
    }

    void quantizersExistWhereExpected()
    {
        for (WeightType t : {WeightType::F32, WeightType::F16, WeightType::BF16, WeightType::Q8_0,
                             WeightType::Q4_0, WeightType::Q4_1, WeightType::Q5_0, WeightType::Q5_1,
                             WeightType::Q4_K, WeightType::Q5_K, WeightType::Q6_K, WeightType::IQ4_NL})
            QVERIFY2(hearth::has_quantizer(t), hearth::weight_type_name(t));
        float in[256] = {};
        uint8_t out[256];
        try {
            hearth::quantize_row(WeightType::Q2_K, in, out, 256);
            QFAIL("no error");
        } catch (const hearth::Error& e) {
            QCOMPARE(QString(e.what()), QString("Hearth cannot quantize to q2_K (it can read it)"));
        }
    }

    void halfPrecision()
    {
        QCOMPARE(hearth::fp16_to_fp32(0x3C00), 1.0f);
        QCOMPARE(hearth::fp16_to_fp32(0xC000), -2.0f);
        QCOMPARE(hearth::fp16_to_fp32(0x7BFF), 65504.0f);
        QCOMPARE(hearth::fp16_to_fp32(0x0001), std::ldexp(1.0f, -24)); // smallest subnormal
        QCOMPARE(hearth::fp16_to_fp32(0x0400), std::ldexp(1.0f, -14)); // smallest normal
        QVERIFY(std::isinf(hearth::fp16_to_fp32(0x7C00)));
        QVERIFY(std::isnan(hearth::fp16_to_fp32(0x7E00)));
        QCOMPARE(hearth::fp32_to_fp16(1.0f), uint16_t(0x3C00));
        QCOMPARE(hearth::fp32_to_fp16(-0.0f), uint16_t(0x8000));
        QCOMPARE(hearth::fp32_to_fp16(65504.0f), uint16_t(0x7BFF));
        QCOMPARE(hearth::fp32_to_fp16(65519.0f), uint16_t(0x7BFF)); // rounds down
        QCOMPARE(hearth::fp32_to_fp16(65520.0f), uint16_t(0x7C00)); // tie to even: infinity
        QCOMPARE(hearth::fp32_to_fp16(1e6f), uint16_t(0x7C00));
        QCOMPARE(hearth::fp32_to_fp16(std::ldexp(1.0f, -24)), uint16_t(0x0001));
        QCOMPARE(hearth::fp32_to_fp16(std::ldexp(1.0f, -26)), uint16_t(0x0000)); // below half the step
        QCOMPARE(hearth::fp32_to_fp16(std::ldexp(3.0f, -25)), uint16_t(0x0002)); // 1.5 steps: tie to even
        QCOMPARE(hearth::fp32_to_fp16(1.0f + std::ldexp(1.0f, -11)), uint16_t(0x3C00)); // tie to even (down)
        QCOMPARE(hearth::fp32_to_fp16(1.0f + std::ldexp(3.0f, -11)), uint16_t(0x3C02)); // tie to even (up)
        QVERIFY(
            std::isnan(hearth::fp16_to_fp32(hearth::fp32_to_fp16(std::numeric_limits<float>::quiet_NaN()))));
        // Every half value survives a round trip.
        for (uint32_t h = 0; h < 0x10000; ++h) {
            const float f = hearth::fp16_to_fp32(uint16_t(h));
            if (!std::isnan(f))
                QCOMPARE(hearth::fp32_to_fp16(f), uint16_t(h));
        }
        QCOMPARE(hearth::bf16_to_fp32(0x3F80), 1.0f);
        QCOMPARE(hearth::bf16_to_fp32(0xC0A0), -5.0f);
        QCOMPARE(hearth::fp32_to_bf16(1.0f), uint16_t(0x3F80));
        QCOMPARE(hearth::fp32_to_bf16(std::bit_cast<float>(0x3F808000u)), uint16_t(0x3F80)); // tie to even
        QCOMPARE(hearth::fp32_to_bf16(std::bit_cast<float>(0x3F818000u)), uint16_t(0x3F82));
        QCOMPARE(hearth::fp32_to_bf16(std::bit_cast<float>(0x3F808001u)), uint16_t(0x3F81));
        QVERIFY(std::isnan(hearth::bf16_to_fp32(hearth::fp32_to_bf16(std::bit_cast<float>(0x7F800001u)))));
    }

    // Blocks set byte by byte; the expected values follow from the block layout by hand.
    void handComputedBlocks_data()
    {
        QTest::addColumn<WeightType>("type");
        QTest::addColumn<QByteArray>("block");
        QTest::addColumn<Expected>("expected");
        QTest::newRow("f32") << WeightType::F32 << Block(WeightType::F32).f32(0, -1.5f).bytes
                             << Expected{{0, -1.5f}};
        QTest::newRow("f16") << WeightType::F16 << Block(WeightType::F16).u16(0, 0xC100).bytes
                             << Expected{{0, -2.5f}};
        QTest::newRow("bf16") << WeightType::BF16 << Block(WeightType::BF16).u16(0, 0xC0A0).bytes
                              << Expected{{0, -5.0f}};
        // d = 0.5; byte 0 = 0x9F: value 0 = (15-8)*0.5, value 16 = (9-8)*0.5; byte 1 = 0x08.
        QTest::newRow("q4_0") << WeightType::Q4_0
                              << Block(WeightType::Q4_0).u16(0, 0x3800).u8(2, 0x9F).u8(3, 0x08).bytes
                              << Expected{{0, 3.5f}, {16, 0.5f}, {1, 0.0f}, {17, -4.0f}, {2, -4.0f}};
        // d = 0.5, m = -1; byte 0 = 0x3A: 10*0.5-1, 3*0.5-1.
        QTest::newRow("q4_1") << WeightType::Q4_1
                              << Block(WeightType::Q4_1).u16(0, 0x3800).u16(2, 0xBC00).u8(4, 0x3A).bytes
                              << Expected{{0, 4.0f}, {16, 0.5f}, {1, -1.0f}};
        // d = 1; fifth bits of values 0 and 16 set; byte 0 = 0x21: (1|16)-16, (2|16)-16.
        QTest::newRow("q5_0")
            << WeightType::Q5_0
            << Block(WeightType::Q5_0).u16(0, 0x3C00).u8(2, 0x01).u8(4, 0x01).u8(6, 0x21).bytes
            << Expected{{0, 1.0f}, {16, 2.0f}, {1, -16.0f}, {17, -16.0f}};
        // d = 0.5, m = 1; fifth bit of value 0 set; byte 0 = 0x0F: 31*0.5+1, 0*0.5+1.
        QTest::newRow("q5_1")
            << WeightType::Q5_1
            << Block(WeightType::Q5_1).u16(0, 0x3800).u16(2, 0x3C00).u8(4, 0x01).u8(8, 0x0F).bytes
            << Expected{{0, 16.5f}, {16, 1.0f}};
        // d = 0.25; q0 = -128, q31 = 100.
        QTest::newRow("q8_0") << WeightType::Q8_0
                              << Block(WeightType::Q8_0).u16(0, 0x3400).u8(2, 0x80).u8(33, 100).bytes
                              << Expected{{0, -32.0f}, {31, 25.0f}, {1, 0.0f}};
        // d = 2, dmin = 0.5. Byte qs[0] = 0xE4 holds quants 0,1,2,3 for values 0, 32, 64, 96.
        // scales[0] = 0x21 (scale 1, min 2): 2*1*0 - 0.5*2 = -1. scales[2] = 0x03: 2*3*1 = 6.
        // scales[4] = 0x11: 2*1*2 - 0.5 = 3.5. scales[6] = 0: 0. scales[1] = 0x10 (value 16): -0.5.
        QTest::newRow("q2_K") << WeightType::Q2_K
                              << Block(WeightType::Q2_K)
                                     .u8(0, 0x21)
                                     .u8(1, 0x10)
                                     .u8(2, 0x03)
                                     .u8(4, 0x11)
                                     .u8(16, 0xE4)
                                     .u16(80, 0x4000)
                                     .u16(82, 0x3800)
                                     .bytes
                              << Expected{{0, -1.0f}, {32, 6.0f}, {64, 3.5f}, {96, 0.0f}, {16, -0.5f}};
        // d = 1. Scale 0 = 33 (low nibble 1 in byte 0, high bits 2 in byte 8): 33-32 = 1; all other
        // scales 0-32 = -32. qs[0] = 3 with hmask bit set: 3; qs[1] = 2, hmask clear: 2-4 = -2.
        // Value 16 (scale 1 = -32): q 0, hmask clear: -32 * -4 = 128.
        QTest::newRow("q3_K") << WeightType::Q3_K
                              << Block(WeightType::Q3_K)
                                     .u8(0, 0x01)
                                     .u8(32, 0x03)
                                     .u8(33, 0x02)
                                     .u8(96, 0x01)
                                     .u8(104, 0x02)
                                     .u16(108, 0x3C00)
                                     .bytes
                              << Expected{{0, 3.0f}, {1, -2.0f}, {16, 128.0f}};
        // d = 1, dmin = 0.5. Scale 0 = 2, min 0 = 4; sub-block 4: scale 5, min 3 (byte 8 = 0x35).
        // qs[0] = 0x7A: value 0 = 2*10 - 0.5*4 = 18; value 32 (scale 1 = 0, min 0) = 0.
        // qs[64] = 0x01: value 128 = 5*1 - 0.5*3 = 3.5.
        QTest::newRow("q4_K") << WeightType::Q4_K
                              << Block(WeightType::Q4_K)
                                     .u16(0, 0x3C00)
                                     .u16(2, 0x3800)
                                     .u8(4, 2)
                                     .u8(8, 4)
                                     .u8(12, 0x35)
                                     .u8(16, 0x7A)
                                     .u8(16 + 64, 0x01)
                                     .bytes
                              << Expected{{0, 18.0f}, {32, 0.0f}, {128, 3.5f}, {1, -2.0f}};
        // d = 1, dmin = 0.5; scale 0 = 1, min 0 = 2; scale 1 = 3. qs[0] = 0x0F, qh[0] = 3:
        // value 0 = 1*(15+16) - 0.5*2 = 30; value 32 = 3*(0+16) - 0 = 48.
        QTest::newRow("q5_K") << WeightType::Q5_K
                              << Block(WeightType::Q5_K)
                                     .u16(0, 0x3C00)
                                     .u16(2, 0x3800)
                                     .u8(4, 1)
                                     .u8(5, 3)
                                     .u8(8, 2)
                                     .u8(16, 0x03)
                                     .u8(48, 0x0F)
                                     .bytes
                              << Expected{{0, 30.0f}, {32, 48.0f}, {1, -1.0f}};
        // d = 0.5; scales[0] = 2, scales[4] = -1. ql[0] = 0x0F, qh[0] = 0x03: value 0 =
        // 0.5*2*((15|48)-32) = 31; value 64 = 0.5*(-1)*(0-32) = 16; value 1 = 0.5*2*(0-32) = -32.
        QTest::newRow("q6_K") << WeightType::Q6_K
                              << Block(WeightType::Q6_K)
                                     .u8(0, 0x0F)
                                     .u8(128, 0x03)
                                     .u8(192, 2)
                                     .u8(196, 0xFF)
                                     .u16(208, 0x3800)
                                     .bytes
                              << Expected{{0, 31.0f}, {64, 16.0f}, {1, -32.0f}};
        // d = 1; qs[0] = 0xF0: value 0 = level 0 = -127, value 16 = level 15 = 113.
        QTest::newRow("iq4_nl") << WeightType::IQ4_NL
                                << Block(WeightType::IQ4_NL).u16(0, 0x3C00).u8(2, 0xF0).bytes
                                << Expected{{0, -127.0f}, {16, 113.0f}, {1, -127.0f}};
        // d = 2; scales_l[0] = 0x21 (sub 0 low 1, sub 1 low 2), scales_h = 2 (sub 0 high 2):
        // sub 0 scale 33 -> 2*(33-32) = 2; sub 1 scale 2 -> 2*(2-32) = -60.
        // qs[0] = 0x98: 2*level 8 = 2, 2*level 9 = 26. qs[16] = 0x07: -60*(-10) = 600, -60*(-127).
        QTest::newRow("iq4_xs") << WeightType::IQ4_XS
                                << Block(WeightType::IQ4_XS)
                                       .u16(0, 0x4000)
                                       .u16(2, 0x0002)
                                       .u8(4, 0x21)
                                       .u8(8, 0x98)
                                       .u8(8 + 16, 0x07)
                                       .bytes
                                << Expected{{0, 2.0f}, {16, 26.0f}, {32, 600.0f}, {48, 7620.0f}};
    }

    void handComputedBlocks()
    {
        QFETCH(WeightType, type);
        QFETCH(QByteArray, block);
        QFETCH(Expected, expected);
        std::vector<float> values(size_t(hearth::block_elements(type)));
        hearth::dequantize_row(type, block.constData(), values.data(), int64_t(values.size()));
        for (const auto& [index, value] : expected)
            QCOMPARE(values[size_t(index)], value);
    }

    // Each tensor of each llama.cpp-quantized file against llama.cpp's own dequantization.
    void matchesLlamaCpp_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QJsonObject>("reference");
        const QDir dir(testdataPath("quant"));
        const QStringList jsons = dir.entryList({"m-*.dequant.json"}, QDir::Files, QDir::Name);
        if (jsons.isEmpty())
            QSKIP("testdata/quant is missing");
        for (const QString& name : jsons) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString gguf = dir.filePath(QString(name).replace(".dequant.json", ".gguf"));
            for (const QJsonValue& t : QJsonDocument::fromJson(f.readAll()).array()) {
                const QJsonObject o = t.toObject();
                QTest::addRow("%s/%s", qPrintable(name.section('.', 0, 0)), qPrintable(o["name"].toString()))
                    << gguf << o;
            }
        }
    }

    void matchesLlamaCpp()
    {
        QFETCH(QString, file);
        QFETCH(QJsonObject, reference);
        const hearth::GgufFile gguf = hearth::GgufFile::open(file.toStdString());
        const hearth::GgufTensor& t = gguf.tensor(reference["name"].toString().toStdString());
        QCOMPARE(QString(hearth::weight_type_name(t.type)), reference["type"].toString());
        const QJsonArray dims = reference["dims"].toArray();
        for (size_t i = 0; i < t.dims.size(); ++i)
            QCOMPARE(t.dims[i], dims[int(i)].toInteger());
        const std::vector<float> v = dequantize_tensor(t);
        const QJsonArray first = reference["first"].toArray(), last = reference["last"].toArray();
        const auto close = [](double got, double want) {
            return std::fabs(got - want) <= 1e-6 * std::max(1e-3, std::fabs(want));
        };
        for (int i = 0; i < first.size(); ++i)
            QVERIFY2(close(v[size_t(i)], first[i].toDouble()), qPrintable(QString("first[%1]").arg(i)));
        for (int i = 0; i < last.size(); ++i)
            QVERIFY2(close(v[v.size() - size_t(last.size()) + size_t(i)], last[i].toDouble()),
                     qPrintable(QString("last[%1]").arg(i)));
        double sum = 0, sum_sq = 0, max_abs = 0;
        for (float x : v) {
            sum += x;
            sum_sq += double(x) * x;
            max_abs = std::max(max_abs, double(std::fabs(x)));
        }
        // The sum cancels; judge it against the scale of the values.
        QVERIFY2(
            std::fabs(sum - reference["sum"].toDouble()) <= 1e-6 * std::sqrt(sum_sq * double(v.size())),
            qPrintable(
                QString("sum %1 vs %2").arg(sum, 0, 'g', 12).arg(reference["sum"].toDouble(), 0, 'g', 12)));
        QVERIFY(std::fabs(sum_sq - reference["sum_sq"].toDouble()) <= 1e-6 * sum_sq);
        QVERIFY(close(max_abs, reference["max_abs"].toDouble()));
    }

    // Relative RMS error of quantize -> dequantize on Gaussian data, per format. The bounds sit
    // about 20 % above what these quantizers reach (measured figures beside each row; llama.cpp's
    // quantizers reach similar ones) and far below what a broken packing gives (~1.0).
    void roundTrip_data()
    {
        QTest::addColumn<WeightType>("type");
        QTest::addColumn<double>("bound");
        QTest::newRow("f32") << WeightType::F32 << 0.0;
        QTest::newRow("f16") << WeightType::F16 << 2.5e-4;      // measured 0.00021
        QTest::newRow("bf16") << WeightType::BF16 << 2.0e-3;    // measured 0.00166
        QTest::newRow("q8_0") << WeightType::Q8_0 << 0.0065;    // measured 0.0054
        QTest::newRow("q4_0") << WeightType::Q4_0 << 0.10;      // measured 0.086
        QTest::newRow("q4_1") << WeightType::Q4_1 << 0.095;     // measured 0.079
        QTest::newRow("q5_0") << WeightType::Q5_0 << 0.05;      // measured 0.043
        QTest::newRow("q5_1") << WeightType::Q5_1 << 0.046;     // measured 0.038
        QTest::newRow("q4_K") << WeightType::Q4_K << 0.088;     // measured 0.075
        QTest::newRow("q5_K") << WeightType::Q5_K << 0.044;     // measured 0.037
        QTest::newRow("q6_K") << WeightType::Q6_K << 0.0225;    // measured 0.0187
        QTest::newRow("iq4_nl") << WeightType::IQ4_NL << 0.096; // measured 0.080
    }

    void roundTrip()
    {
        QFETCH(WeightType, type);
        QFETCH(double, bound);
        const int64_t n = 256 * 64;
        std::vector<float> x = gaussian(size_t(n), 42);
        std::vector<uint8_t> packed(hearth::row_bytes(type, n));
        hearth::quantize_row(type, x.data(), packed.data(), n);
        std::vector<float> y(x.size());
        hearth::dequantize_row(type, packed.data(), y.data(), n);
        double error = 0, energy = 0;
        for (size_t i = 0; i < x.size(); ++i) {
            error += double(y[i] - x[i]) * (y[i] - x[i]);
            energy += double(x[i]) * x[i];
        }
        const double relative = std::sqrt(error / energy);
        qInfo("%s relative RMS error %.5f (bound %.5f)", hearth::weight_type_name(type), relative, bound);
        QVERIFY(relative <= bound);

        // Zeros stay zeros (no division by a zero scale), and a constant block survives closely.
        std::vector<float> zeros(size_t(n), 0.0f);
        hearth::quantize_row(type, zeros.data(), packed.data(), n);
        hearth::dequantize_row(type, packed.data(), y.data(), n);
        for (float v : y)
            QCOMPARE(v, 0.0f);
        std::vector<float> constant(size_t(n), -0.75f);
        hearth::quantize_row(type, constant.data(), packed.data(), n);
        hearth::dequantize_row(type, packed.data(), y.data(), n);
        for (float v : y)
            QVERIFY2(std::fabs(v + 0.75f) <= 0.75f * 0.07f, qPrintable(QString::number(v)));
    }

    // The symmetric formats have a hard per-value bound in steps of their block's scale: half a
    // step for Q8_0; a whole step for Q4_0/Q5_0, whose largest magnitude takes the level -8 (-16)
    // that has no positive twin, so values of the other sign near it clip by up to one step.
    void perValueBound_data()
    {
        QTest::addColumn<WeightType>("type");
        QTest::addColumn<double>("steps");        // levels from the largest magnitude to zero
        QTest::addColumn<double>("allowedSteps"); // error allowed, in steps
        QTest::newRow("q8_0") << WeightType::Q8_0 << 127.0 << 0.5;
        QTest::newRow("q4_0") << WeightType::Q4_0 << 8.0 << 1.0;
        QTest::newRow("q5_0") << WeightType::Q5_0 << 16.0 << 1.0;
    }

    void perValueBound()
    {
        QFETCH(WeightType, type);
        QFETCH(double, steps);
        QFETCH(double, allowedSteps);
        std::vector<float> x = gaussian(32 * 64, 7);
        std::vector<uint8_t> packed(hearth::row_bytes(type, int64_t(x.size())));
        hearth::quantize_row(type, x.data(), packed.data(), int64_t(x.size()));
        std::vector<float> y(x.size());
        hearth::dequantize_row(type, packed.data(), y.data(), int64_t(x.size()));
        for (size_t b = 0; b < x.size(); b += 32) {
            double amax = 0;
            for (size_t i = b; i < b + 32; ++i)
                amax = std::max(amax, double(std::fabs(x[i])));
            const double allowed = amax / steps * allowedSteps * 1.002; // 1.002: fp16 rounding of the scale
            for (size_t i = b; i < b + 32; ++i)
                QVERIFY2(std::fabs(y[i] - x[i]) <= allowed + 1e-7,
                         qPrintable(QString("value %1: %2 vs %3").arg(i).arg(y[i]).arg(x[i])));
        }
    }
};

QTEST_GUILESS_MAIN(TestFormats)
#include "tst_formats.moc"
