// ConnectionPoller: one thread that holds every connection while it is not being answered — new,
// idle between keep-alive requests, or sending a request's head or body, however slowly — and
// hands only requests read whole to the workers, so a slow client holds a socket, never a thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/http/api_errors.h"
#include "server/http/connection.h"
#include "server/http/connection_counts.h"
#include "server/http/connection_limits.h"
#include "server/http/request_head.h"

namespace kb {

class ConnectionPoller {
  public:
    // Hands a request read whole to a worker; false when none can take it (the poller then
    // answers 503 itself). On true the request, socket and all, is the worker's.
    using Dispatch = std::function<bool(PendingRequest& request)>;
    // The whole answer to send for a request refused before any worker saw it.
    using Refuse = std::function<std::string(const ApiError& error, const std::string& message)>;
    enum class Admission { Admitted, ClientFull, Full, Stopped };

    // `max_body_bytes`: a declared body over it is refused (413) before it is read.
    ConnectionPoller(const ConnectionLimits& limits, std::size_t max_body_bytes, Dispatch dispatch, Refuse refuse);
    ~ConnectionPoller();
    ConnectionPoller(const ConnectionPoller&) = delete;
    ConnectionPoller& operator=(const ConnectionPoller&) = delete;

    // Starts the thread (again, after a stop). Throws std::system_error when it cannot.
    void start();
    // Closes every connection it holds, and any handed back later, and joins the thread.
    void stop();

    // A new connection from `client`, unless that client or the server holds its share of
    // connections already; anything but Admitted leaves `fd` with the caller. Any thread.
    Admission admit(int fd, const std::string& client);
    // From a worker, a kept-alive connection after its answer, with any pipelined bytes.
    void resume(Connection connection);
    // From a worker, a connection that ends after its answer: the client may still be sending,
    // so it is read from and dropped for a while before it is closed (no reset hides the answer).
    void linger(Connection connection);
    // From a worker, a connection that ends now.
    void close(Connection connection);

    // Connections open in all: the limit after the process's file limit is allowed for.
    std::size_t max_connections() const { return max_connections_; }

  private:
    enum class Phase { Idle, Reading, Refusing, Draining };
    struct Entry {
        Connection connection;
        Phase phase = Phase::Idle;
        std::optional<RequestHead> head;                // while Reading
        socket_io::Clock::time_point request_deadline;  // while Reading: from the request's first byte
        std::uint64_t timer = 0;                        // the live timer's id; older ones are ignored
        std::string answer;                             // while Refusing: what is left to send
        std::size_t drain_bytes = 0;                    // then, Draining: what may still be read and dropped
        socket_io::Clock::time_point drain_until;
        std::size_t held = 0;  // bytes of `connection.received` counted in buffered_
    };
    struct Timer {
        socket_io::Clock::time_point when;
        int fd;
        std::uint64_t id;
        bool operator>(const Timer& other) const { return when > other.when; }
    };
    struct Handover {
        Connection connection;
        bool linger;
    };

    void run();
    void take_handovers();
    void add(Connection connection, bool linger);
    void on_event(int fd, std::uint32_t events);
    void read_more(int fd, Entry& entry);
    void advance(int fd, Entry& entry);
    void dispatch(int fd, Entry& entry);
    void refuse(int fd, Entry& entry, const ApiError& error, const std::string& message, std::size_t drain_bytes,
                socket_io::Clock::time_point drain_until);
    void send_more(int fd, Entry& entry);
    void drain(int fd, Entry& entry);
    void set_timer(int fd, Entry& entry, socket_io::Clock::time_point when);
    int wait_ms();  // until the nearest live timer; -1 for none
    void expire();
    bool watch(int fd, int op, std::uint32_t events);
    void end(int fd);
    void hand_over(Connection connection, bool linger);
    // Counts what `entry` holds now in buffered_; let_go: it leaves the poller.
    void hold(Entry& entry);
    void let_go(Entry& entry);

    const ConnectionLimits& limits_;
    const std::size_t max_body_bytes_;
    const std::size_t max_connections_;
    Dispatch dispatch_;
    Refuse refuse_;
    ConnectionCounts counts_;

    // Shared with other threads, under mutex_.
    std::mutex mutex_;
    std::vector<Handover> handovers_;
    bool stopping_ = true;

    // The poller thread's own.
    int epoll_fd_ = -1;
    int wake_fd_ = -1;  // an eventfd: handovers waiting, or stop
    std::unordered_map<int, Entry> entries_;
    std::size_t buffered_ = 0;  // bytes of unanswered requests held, all connections together
    std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers_;
    std::uint64_t next_timer_ = 0;
    std::thread thread_;
};

}  // namespace kb
