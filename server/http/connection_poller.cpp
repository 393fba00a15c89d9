#include "server/http/connection_poller.h"

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <utility>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace kb {

namespace {

using socket_io::Clock;

// After an answer that leaves the request unread, the connection is read from and what arrives
// dropped for a while, so the client reads the answer instead of a reset (closing with its bytes
// still arriving would reset the connection). A declared body is drained up to the request's
// deadline and kMaxDrainBytes, as browsers and curl read no answer before their body is out;
// the rest of a head we refused (a flood of headers, say) is owed less.
constexpr std::chrono::milliseconds kHeadLinger{500};
constexpr std::size_t kHeadLingerBytes = 1024 * 1024;
constexpr std::uint64_t kMaxDrainBytes = 64 * 1024 * 1024;

// File descriptors kept back from connections: the index's files (one handle per searcher, each
// several files), the listening socket, the log, eventfds.
constexpr std::size_t kReservedFiles = 256;

std::size_t allowed_by_file_limit(std::size_t wanted) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return wanted;
    const auto files = static_cast<std::size_t>(limit.rlim_cur);
    return std::min(wanted, files > 2 * kReservedFiles ? files - kReservedFiles : files / 2);
}

bool would_block(int error) { return error == EAGAIN || error == EWOULDBLOCK || error == EINTR; }

}  // namespace

ConnectionPoller::ConnectionPoller(const ConnectionLimits& limits, std::size_t max_body_bytes, Dispatch dispatch,
                                   Refuse refuse)
    : limits_(limits),
      max_body_bytes_(max_body_bytes),
      max_connections_(allowed_by_file_limit(std::max<std::size_t>(limits.max_connections, 1))),
      dispatch_(std::move(dispatch)),
      refuse_(std::move(refuse)),
      counts_(max_connections_, limits.max_connections_per_client) {}

ConnectionPoller::~ConnectionPoller() { stop(); }

void ConnectionPoller::start() {
    stop();
    epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd_ < 0) throw std::system_error(errno, std::generic_category(), "epoll_create1");
    wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake_fd_ < 0 || !watch(wake_fd_, EPOLL_CTL_ADD, EPOLLIN)) {
        const int error = errno;
        ::close(epoll_fd_);
        if (wake_fd_ >= 0) ::close(wake_fd_);
        epoll_fd_ = wake_fd_ = -1;
        throw std::system_error(error, std::generic_category(), "eventfd");
    }
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

void ConnectionPoller::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
    thread_.join();
    ::close(epoll_fd_);
    ::close(wake_fd_);
    epoll_fd_ = wake_fd_ = -1;
}

ConnectionPoller::Admission ConnectionPoller::admit(int fd, const std::string& client) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return Admission::Stopped;
    }
    switch (counts_.admit(client)) {
        case ConnectionCounts::Admission::ClientFull:
            return Admission::ClientFull;
        case ConnectionCounts::Admission::Full:
            return Admission::Full;
        case ConnectionCounts::Admission::Admitted:
            break;
    }
    hand_over(Connection{fd, client, {}, 0}, false);
    return Admission::Admitted;
}

void ConnectionPoller::resume(Connection connection) { hand_over(std::move(connection), false); }

void ConnectionPoller::linger(Connection connection) { hand_over(std::move(connection), true); }

void ConnectionPoller::close(Connection connection) {
    ::close(connection.fd);
    counts_.release(connection.client);
}

void ConnectionPoller::hand_over(Connection connection, bool linger) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            handovers_.push_back({std::move(connection), linger});
            const std::uint64_t one = 1;
            [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
            return;
        }
    }
    close(std::move(connection));
}

void ConnectionPoller::run() {
    epoll_event events[256];
    for (;;) {
        const int n = ::epoll_wait(epoll_fd_, events, 256, wait_ms());
        // Only EINTR can happen to a valid epoll set; the timers still run.
        for (int i = 0; i < n; ++i) {
            if (events[i].data.fd == wake_fd_) {
                std::uint64_t count = 0;
                [[maybe_unused]] const ssize_t read = ::read(wake_fd_, &count, sizeof count);
                take_handovers();
            } else {
                on_event(events[i].data.fd, events[i].events);
            }
        }
        {
            std::lock_guard lock(mutex_);
            if (stopping_) break;
        }
        expire();
    }
    while (!entries_.empty()) end(entries_.begin()->first);
    timers_ = {};
    std::vector<Handover> late;
    {
        std::lock_guard lock(mutex_);
        late.swap(handovers_);
    }
    for (Handover& handover : late) close(std::move(handover.connection));
}

void ConnectionPoller::take_handovers() {
    std::vector<Handover> taken;
    {
        std::lock_guard lock(mutex_);
        taken.swap(handovers_);
    }
    for (Handover& handover : taken) add(std::move(handover.connection), handover.linger);
}

void ConnectionPoller::add(Connection connection, bool linger) {
    const int fd = connection.fd;
    if (!watch(fd, EPOLL_CTL_ADD, EPOLLIN)) {
        close(std::move(connection));  // the kernel's epoll memory is spent: nothing better to do
        return;
    }
    Entry& entry = entries_.try_emplace(fd).first->second;
    entry.connection = std::move(connection);
    hold(entry);
    const auto now = Clock::now();
    if (linger) {
        ::shutdown(fd, SHUT_WR);
        entry.phase = Phase::Draining;
        entry.drain_bytes = kHeadLingerBytes;
        set_timer(fd, entry, now + kHeadLinger);
    } else if (entry.connection.received.empty()) {
        // Before each request a client may be silent this long.
        entry.phase = Phase::Idle;
        set_timer(fd, entry, now + limits_.idle_timeout);
    } else {
        // A pipelined request: its first bytes are here already.
        entry.phase = Phase::Reading;
        entry.request_deadline = now + limits_.request_timeout;
        set_timer(fd, entry, entry.request_deadline);
        advance(fd, entry);
    }
}

void ConnectionPoller::on_event(int fd, std::uint32_t events) {
    const auto it = entries_.find(fd);
    if (it == entries_.end()) return;
    Entry& entry = it->second;
    switch (entry.phase) {
        case Phase::Idle:
        case Phase::Reading:
            read_more(fd, entry);
            return;
        case Phase::Refusing:
            if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) send_more(fd, entry);
            return;
        case Phase::Draining:
            drain(fd, entry);
            return;
    }
}

void ConnectionPoller::read_more(int fd, Entry& entry) {
    std::string& received = entry.connection.received;
    // Never past a whole request's end by more than a read: a client sending without pause
    // costs one buffer, and what follows stays in the socket until this request is answered.
    char chunk[16 * 1024];
    std::size_t want = sizeof chunk;
    if (entry.head && entry.head->size() != 0) {
        const std::uint64_t whole = entry.head->size() + entry.head->content_length();
        want = static_cast<std::size_t>(std::min<std::uint64_t>(want, whole - received.size()));
    }
    const ssize_t n = ::recv(fd, chunk, want, MSG_DONTWAIT);
    if (n < 0 && would_block(errno)) return;
    // Gone, or gone quiet for good: there is no request to answer.
    if (n <= 0) return end(fd);
    if (entry.phase == Phase::Idle) {
        // One deadline for the whole request, head and body, however the client paces it.
        entry.phase = Phase::Reading;
        entry.request_deadline = Clock::now() + limits_.request_timeout;
        set_timer(fd, entry, entry.request_deadline);
    }
    received.append(chunk, static_cast<std::size_t>(n));
    hold(entry);
    // The memory of unfinished requests is shared: past its bound, the large ones still
    // arriving make way (the ones that hold the memory), and small ones are read as ever.
    if (buffered_ > limits_.max_buffered_bytes && received.size() > ConnectionLimits::kSmallRequestBytes &&
        !(entry.head && entry.head->size() != 0 &&
          received.size() >= entry.head->size() + entry.head->content_length()))
        return refuse(fd, entry, api_errors::kOverloaded,
                      "the server holds too many unfinished requests; retry after a second", kHeadLingerBytes,
                      std::min(entry.request_deadline, Clock::now() + kHeadLinger));
    advance(fd, entry);
}

void ConnectionPoller::advance(int fd, Entry& entry) {
    if (!entry.head) entry.head.emplace(limits_, max_body_bytes_);
    RequestHead& head = *entry.head;
    switch (head.scan(entry.connection.received)) {
        case RequestHead::State::Incomplete:
            return;
        case RequestHead::State::Refused: {
            const auto now = Clock::now();
            if (head.refusal().error == &api_errors::kBodyTooLarge) {
                // Refused before its body was read: the client is owed time to send it.
                const std::uint64_t sent = entry.connection.received.size() - head.size();
                const std::uint64_t body = head.content_length() > sent ? head.content_length() - sent : 0;
                return refuse(fd, entry, *head.refusal().error, head.refusal().message,
                              static_cast<std::size_t>(std::min(body, kMaxDrainBytes)), entry.request_deadline);
            }
            return refuse(fd, entry, *head.refusal().error, head.refusal().message, kHeadLingerBytes,
                          std::min(entry.request_deadline, now + kHeadLinger));
        }
        case RequestHead::State::Complete:
            if (entry.connection.received.size() >= head.size() + head.content_length()) dispatch(fd, entry);
            return;
    }
}

void ConnectionPoller::dispatch(int fd, Entry& entry) {
    // Out of the set first: once dispatched, the socket is the worker's alone.
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    let_go(entry);
    PendingRequest request{std::move(entry.connection), entry.head->size(), entry.head->content_length(),
                           entry.request_deadline};
    if (dispatch_(request)) {
        entries_.erase(fd);
        return;
    }
    entry.connection = std::move(request.connection);
    hold(entry);
    if (!watch(fd, EPOLL_CTL_ADD, EPOLLIN)) return end(fd);
    refuse(fd, entry, api_errors::kOverloaded, "every worker is busy; retry after a second", kHeadLingerBytes,
           Clock::now() + kHeadLinger);
}

void ConnectionPoller::refuse(int fd, Entry& entry, const ApiError& error, const std::string& message,
                              std::size_t drain_bytes, Clock::time_point drain_until) {
    entry.answer = refuse_(error, message);  // before the head goes: `message` may be its own
    entry.phase = Phase::Refusing;
    entry.head.reset();
    entry.connection.received.clear();
    hold(entry);
    entry.drain_bytes = drain_bytes;
    entry.drain_until = drain_until;
    // A client that reads nothing is not waited for longer than any other answer's write.
    set_timer(fd, entry, Clock::now() + limits_.write_timeout);
    if (!watch(fd, EPOLL_CTL_MOD, EPOLLOUT)) return end(fd);
    send_more(fd, entry);
}

void ConnectionPoller::send_more(int fd, Entry& entry) {
    const ssize_t n = ::send(fd, entry.answer.data(), entry.answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0 && would_block(errno)) return;
    if (n < 0) return end(fd);
    entry.answer.erase(0, static_cast<std::size_t>(n));
    if (!entry.answer.empty()) return;
    ::shutdown(fd, SHUT_WR);
    entry.phase = Phase::Draining;
    if (entry.drain_bytes == 0 || !watch(fd, EPOLL_CTL_MOD, EPOLLIN)) return end(fd);
    set_timer(fd, entry, entry.drain_until);
}

void ConnectionPoller::drain(int fd, Entry& entry) {
    char sink[16 * 1024];
    const ssize_t n = ::recv(fd, sink, std::min(sizeof sink, entry.drain_bytes), MSG_DONTWAIT);
    if (n < 0 && would_block(errno)) return;
    if (n <= 0) return end(fd);
    // Bounded in bytes as in time: a client that keeps sending is cut off (a reset) after this.
    entry.drain_bytes -= static_cast<std::size_t>(n);
    if (entry.drain_bytes == 0) end(fd);
}

void ConnectionPoller::set_timer(int fd, Entry& entry, Clock::time_point when) {
    entry.timer = ++next_timer_;
    timers_.push({when, fd, entry.timer});
}

int ConnectionPoller::wait_ms() {
    // Timers of connections since ended or moved on are dropped here, not searched for.
    while (!timers_.empty()) {
        const Timer& top = timers_.top();
        const auto it = entries_.find(top.fd);
        if (it != entries_.end() && it->second.timer == top.id) break;
        timers_.pop();
    }
    if (timers_.empty()) return -1;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(timers_.top().when - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, 60'000));
}

void ConnectionPoller::expire() {
    // Every phase that runs out of time ends the same way: a request too slow to arrive has no
    // answer, an idle connection none owed, and a refusal has been given its chance.
    const auto now = Clock::now();
    while (!timers_.empty() && timers_.top().when <= now) {
        const Timer timer = timers_.top();
        timers_.pop();
        const auto it = entries_.find(timer.fd);
        if (it != entries_.end() && it->second.timer == timer.id) end(timer.fd);
    }
}

bool ConnectionPoller::watch(int fd, int op, std::uint32_t events) {
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    return ::epoll_ctl(epoll_fd_, op, fd, &event) == 0;
}

void ConnectionPoller::end(int fd) {
    const auto it = entries_.find(fd);
    if (it == entries_.end()) return;
    let_go(it->second);
    Connection connection = std::move(it->second.connection);
    entries_.erase(it);
    close(std::move(connection));  // closing takes it out of the epoll set
}

void ConnectionPoller::hold(Entry& entry) {
    buffered_ = buffered_ - entry.held + entry.connection.received.size();
    entry.held = entry.connection.received.size();
}

void ConnectionPoller::let_go(Entry& entry) {
    buffered_ -= entry.held;
    entry.held = 0;
}

}  // namespace kb
