// The Vulkan layer: device choice, validation capture, buffers, SPIR-V reflection, the recorder's
// barriers, limits and timestamps. Runs on whatever device exists (lavapipe in CI).
#include "gpu_fixture.h"
#include "hearth/devices.h"
#include "hearth/shader_registry.h"
#include "ops/elementwise.h"
#include "ops/norm.h"
#include "vulkan/buffer_arena.h"

using namespace hearth;
using namespace gpu_test;

namespace {
DeviceInfo fake(int index, const char* name, DeviceType type, bool usable = true)
{
    DeviceInfo d;
    d.index = index;
    d.name = name;
    d.type = type;
    d.usable = usable;
    d.reason = usable ? "" : "lacks 16-bit storage";
    return d;
}
} // namespace

class TestVulkan : public QObject {
    Q_OBJECT
    std::unique_ptr<vulkan::Device> m_device;

  private slots:
    void initTestCase() { m_device = open_test_device(); }
    void cleanup() { HEARTH_VERIFY_NO_VALIDATION_MESSAGES(*m_device); }

    void choosesBestTypeIndexOrName()
    {
        qunsetenv("HEARTH_DEVICE");
        const std::vector<DeviceInfo> devices = {fake(0, "llvmpipe (LLVM 15)", DeviceType::Cpu),
                                                 fake(1, "Intel UHD 630", DeviceType::Integrated),
                                                 fake(2, "Broken GPU", DeviceType::Discrete, false),
                                                 fake(3, "NVIDIA RTX 4070", DeviceType::Discrete)};
        QCOMPARE(choose_device(devices).index, 3);
        QCOMPARE(choose_device(devices, "1").index, 1);
        QCOMPARE(choose_device(devices, "LLVMPIPE").index, 0);
        QCOMPARE(choose_device(devices, "intel").index, 1);
        QVERIFY_THROWS_EXCEPTION(Error, choose_device(devices, "2")); // unusable: says why
        QVERIFY_THROWS_EXCEPTION(Error, choose_device(devices, "radeon"));
        QVERIFY_THROWS_EXCEPTION(Error, choose_device(devices, "7"));
        qputenv("HEARTH_DEVICE", "uhd");
        QCOMPARE(choose_device(devices).index, 1);
        qunsetenv("HEARTH_DEVICE");
        QVERIFY_THROWS_EXCEPTION(Error, choose_device({fake(0, "old", DeviceType::Discrete, false)}));
    }

    void listsDevices()
    {
        const std::vector<DeviceInfo> devices = list_devices();
        QVERIFY(!devices.empty());
        QVERIFY(vulkan_unavailable_reason().empty());
        const DeviceInfo& info = m_device->info();
        QVERIFY(info.usable);
        QVERIFY(!info.name.empty() && !info.driver.empty() && !info.heaps.empty());
        QVERIFY(info.subgroup_size > 0 && info.storage16);
        QVERIFY(info.max_storage_buffer_range > 0);
    }

    void validationMessagesAreRecorded()
    {
        // A buffer with no usage flags is invalid; the layer must report it and we must see it.
        if (!m_device->instance().validation_enabled())
            QSKIP("validation layer not enabled (set HEARTH_VALIDATION=1)");
        VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
        info.size = 16;
        info.usage = 0;
        VkBuffer buffer = VK_NULL_HANDLE;
        if (m_device->vk().vkCreateBuffer(m_device->handle(), &info, nullptr, &buffer) == VK_SUCCESS)
            m_device->vk().vkDestroyBuffer(m_device->handle(), buffer, nullptr);
        QVERIFY(!m_device->instance().validation_messages().empty());
        m_device->instance().clear_validation_messages();
    }

    void uploadAndDownloadRoundTrip()
    {
        const std::vector<float> values = random_floats(100003, 11);
        auto buffer = upload(*m_device, values);
        QCOMPARE(download<float>(*m_device, *buffer, values.size()), values);
        std::vector<float> middle(10);
        m_device->download(buffer->slice(400, 40), middle.data(), 40);
        QCOMPARE(middle, std::vector<float>(values.begin() + 100, values.begin() + 110));
        QVERIFY_THROWS_EXCEPTION(Error, buffer->slice(400008, 8));
    }

    void reflectsBindingAccess()
    {
        const std::span<const uint32_t> spirv = find_shader("rms_norm");
        QVERIFY(!spirv.empty());
        const std::vector<vulkan::Binding> bindings = vulkan::reflect_bindings(spirv.data(), spirv.size());
        QCOMPARE(bindings.size(), size_t(3));
        QVERIFY(!bindings[0].writes && !bindings[1].writes && bindings[2].writes);
        QVERIFY(!bindings[0].uniform);
    }

    void everyEmbeddedShaderHasValidBindings()
    {
        // Set 0 only, bindings numbered without gaps: what Pipeline and Recorder rely on.
        const std::vector<std::string_view> names = shader_names();
        QVERIFY(names.size() > 10);
        for (std::string_view name : names) {
            const std::span<const uint32_t> spirv = find_shader(name);
            try {
                const std::vector<vulkan::Binding> bindings =
                    vulkan::reflect_bindings(spirv.data(), spirv.size());
                QVERIFY2(!bindings.empty(), std::string(name).c_str());
                QVERIFY2(std::any_of(bindings.begin(), bindings.end(),
                                     [](const vulkan::Binding& b) { return b.writes; }),
                         (std::string(name) + " writes nothing").c_str());
            } catch (const Error& e) {
                QFAIL((std::string(name) + ": " + e.what()).c_str());
            }
        }
    }

    void barriersOnlyBetweenDependentDispatches()
    {
        const size_t n = 1000;
        const std::vector<float> a = random_floats(n, 1), c = random_floats(n, 2);
        auto ab = upload(*m_device, a), cb = upload(*m_device, c);
        auto bb = zeros(*m_device, n * 4), db = zeros(*m_device, n * 4), eb = zeros(*m_device, n * 4);
        vulkan::Recorder recorder(*m_device);
        ops::scale(recorder, ab->slice(), 2.0f, bb->slice(), n); // b = 2a
        ops::scale(recorder, cb->slice(), 3.0f, db->slice(), n); // d = 3c: independent, no barrier
        QCOMPARE(recorder.barrier_count(), size_t(0));
        ops::add(recorder, bb->slice(), db->slice(), eb->slice(), n); // reads b and d: one barrier
        QCOMPARE(recorder.barrier_count(), size_t(1));
        ops::scale(recorder, cb->slice(), 5.0f, ab->slice(),
                   n); // overwrites a, read before the barrier: none
        QCOMPARE(recorder.barrier_count(), size_t(1));
        ops::scale(recorder, cb->slice(), 1.0f, eb->slice(), n); // write after write of e: barrier
        QCOMPARE(recorder.barrier_count(), size_t(2));
        ops::add(recorder, bb->slice(), db->slice(), eb->slice(), n); // e = b + d again
        QCOMPARE(recorder.barrier_count(), size_t(3));
        QCOMPARE(recorder.dispatch_count(), size_t(6));
        recorder.submit_and_wait();
        std::vector<float> want(n);
        for (size_t i = 0; i < n; ++i)
            want[i] = 2 * a[i] + 3 * c[i];
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *eb, n), want, 1e-6, 1e-6);

        // The recorded list runs again as is (decode re-submits one recording per token).
        const std::vector<float> c2 = random_floats(n, 3);
        m_device->upload(ab->slice(), a.data(), n * 4); // the list overwrote a
        m_device->upload(cb->slice(), c2.data(), n * 4);
        recorder.submit_and_wait();
        for (size_t i = 0; i < n; ++i)
            want[i] = 2 * a[i] + 3 * c2[i];
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *eb, n), want, 1e-5, 1e-6);
    }

    void arenaSubAllocatesAlignedSlices()
    {
        vulkan::BufferArena arena(*m_device, 1 << 16);
        const VkDeviceSize alignment = m_device->limits().minStorageBufferOffsetAlignment;
        std::vector<vulkan::BufferSlice> slices;
        for (VkDeviceSize bytes : {100, 4, 30000, 30000, 70000, 12, 9000})
            slices.push_back(arena.allocate(bytes));
        // One 64 KiB block for the first four and the 12 bytes, 70000 bytes alone, a second block for 9000.
        QCOMPARE(arena.block_count(), size_t(3));
        QVERIFY(slices[0].buffer == slices[1].buffer && slices[1].offset % alignment == 0);
        QVERIFY(slices[4].buffer != slices[3].buffer && slices[4].size == 70000 && slices[4].offset == 0);
        QVERIFY(slices[5].buffer == slices[0].buffer);
        QVERIFY(slices[6].buffer != slices[0].buffer && slices[6].buffer != slices[4].buffer);
        for (size_t i = 0; i < slices.size(); ++i)
            for (size_t j = i + 1; j < slices.size(); ++j)
                QVERIFY(!slices[i].overlaps(slices[j]));
        // The slices behave as separate buffers in ops.
        const std::vector<float> a = random_floats(25, 7);
        m_device->upload(slices[0], a.data(), 100);
        vulkan::Recorder recorder(*m_device);
        ops::scale(recorder, slices[0], -1.0f, slices[2], 25);
        recorder.submit_and_wait();
        std::vector<float> got(25), want(25);
        m_device->download(slices[2], got.data(), 100);
        for (size_t i = 0; i < 25; ++i)
            want[i] = -a[i];
        QCOMPARE(got, want);
    }

    void refusesMisuse()
    {
        auto buffer = zeros(*m_device, 256);
        vulkan::Recorder recorder(*m_device);
        const vulkan::Pipeline& pipeline = m_device->pipeline({"scale", {64}, 20});
        const uint32_t push[5] = {4, 0, 0, 0, 0};
        QVERIFY_THROWS_EXCEPTION(Error, recorder.dispatch(pipeline, {buffer->slice()}, push, {1, 1, 1}));
        QVERIFY_THROWS_EXCEPTION(
            Error, recorder.dispatch(pipeline, {buffer->slice(), buffer->slice()}, push, {0, 1, 1}));
        QVERIFY_THROWS_EXCEPTION(Error, m_device->pipeline({"no_such_kernel", {}, 0}));
        try {
            m_device->pipeline({"no_such_kernel", {}, 0});
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("no_such_kernel"), e.what());
        }
    }

    void splitsOrRefusesBuffersPastTheBindingLimit()
    {
        // A separate device with a small maxStorageBufferRange stands in for a GPU whose limit a
        // big tensor exceeds: element-wise ops split, a row op refuses with the op's name.
        vulkan::Device device;
        device.limit_storage_buffer_range(4096);
        const size_t n = 3000; // 12000 bytes: three pieces
        const std::vector<float> a = random_floats(n, 3), b = random_floats(n, 4);
        auto ab = upload(device, a), bb = upload(device, b), yb = zeros(device, n * 4);
        vulkan::Recorder recorder(device);
        ops::add(recorder, ab->slice(), bb->slice(), yb->slice(), n);
        QCOMPARE(recorder.dispatch_count(), size_t(3));
        recorder.submit_and_wait();
        std::vector<float> want(n);
        for (size_t i = 0; i < n; ++i)
            want[i] = a[i] + b[i];
        HEARTH_COMPARE_FLOATS(download<float>(device, *yb, n), want, 0.0, 0.0);
        try {
            ops::rms_norm(recorder, ab->slice(), bb->slice(), yb->slice(), 1, 3000, 1e-5f);
            QFAIL("a 12000-byte binding passed a 4096-byte limit");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith("rms_norm"), e.what());
        }
        HEARTH_VERIFY_NO_VALIDATION_MESSAGES(device);
    }

    void timestampsPerDispatch()
    {
        if (m_device->timestamp_period_ns() == 0)
            QSKIP("the compute queue has no timestamps");
        auto buffer = zeros(*m_device, 4096);
        vulkan::Recorder recorder(*m_device, true);
        ops::scale(recorder, buffer->slice(), 2.0f, buffer->slice(), 1024);
        ops::softmax(recorder, buffer->slice(), buffer->slice(), 4, 256);
        recorder.submit_and_wait();
        const std::vector<vulkan::KernelTime> times = recorder.kernel_times();
        QCOMPARE(times.size(), size_t(2));
        QCOMPARE(times[0].name, std::string("scale"));
        QVERIFY(times[1].name.starts_with("softmax"));
        QVERIFY(times[0].milliseconds >= 0 && times[1].milliseconds >= 0);
    }

    void pipelineCacheSurvivesARoundTrip()
    {
        m_device->pipeline({"add", {256}, 20});
        const std::vector<uint8_t> data = m_device->pipeline_cache_data();
        QVERIFY(!data.empty());
        vulkan::Device other;
        other.load_pipeline_cache(data);
        other.pipeline({"add", {256}, 20});
        HEARTH_VERIFY_NO_VALIDATION_MESSAGES(other);
    }
};

QTEST_GUILESS_MAIN(TestVulkan)
#include "tst_vulkan.moc"
