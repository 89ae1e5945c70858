#include "jobscheduler.h"

namespace {

bool before(const JobSlot& a, const JobSlot& b)
{
    if (a.priority != b.priority)
        return a.priority > b.priority;
    return a.arrival < b.arrival;
}

} // namespace

qint64 nextJob(const QList<JobSlot>& jobs)
{
    const JobSlot* best = nullptr;
    for (const JobSlot& job : jobs) {
        bool blocked = false;
        for (const JobSlot& other : jobs)
            if (other.id != job.id && other.clientId == job.clientId && other.arrival < job.arrival)
                blocked = true;
        if (!blocked && (!best || before(job, *best)))
            best = &job;
    }
    return best ? best->id : 0;
}
