// WorkerPool: requests read whole wait for a worker in a bounded line; past it the caller keeps
// the request (and answers 503), and a stop hands back what was never answered.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

#include "server/http/worker_pool.h"

namespace {

kb::PendingRequest request_on(int fd) {
    kb::PendingRequest request;
    request.connection.fd = fd;  // never used as a socket here
    return request;
}

}  // namespace

TEST_CASE("the worker pool's line is bounded, and a stop discards what still waits", "[unit][http]") {
    std::mutex mutex;
    std::condition_variable changed;
    bool release = false;
    int started = 0;
    std::atomic<int> discarded{0};
    kb::WorkerPool pool(
        1, 1,
        [&](kb::PendingRequest&, int stop_fd) {
            CHECK(stop_fd >= 0);
            std::unique_lock lock(mutex);
            ++started;
            changed.notify_all();
            changed.wait(lock, [&] { return release; });
        },
        [&](kb::PendingRequest&) { ++discarded; });
    pool.start();
    kb::PendingRequest first = request_on(101);
    REQUIRE(pool.submit(first));
    {
        std::unique_lock lock(mutex);
        REQUIRE(changed.wait_for(lock, std::chrono::seconds(5), [&] { return started == 1; }));
    }
    // The one worker is busy: one request may wait, the next is refused and stays with us.
    kb::PendingRequest second = request_on(102);
    kb::PendingRequest third = request_on(103);
    CHECK(pool.submit(second));
    CHECK_FALSE(pool.submit(third));
    CHECK(third.connection.fd == 103);
    // Stopped while the worker is still busy: the waiting request is discarded, not answered.
    std::thread stopper([&] { pool.stop(); });
    for (int i = 0; i < 500 && discarded == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    {
        std::lock_guard lock(mutex);
        release = true;
    }
    changed.notify_all();
    stopper.join();
    CHECK(discarded == 1);
    CHECK(started == 1);
    kb::PendingRequest late = request_on(104);
    CHECK_FALSE(pool.submit(late));
}
