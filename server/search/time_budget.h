// TimeBudget: how long one request may spend in Xapian's matcher, so that a costly query cannot
// hold a worker, and every client queued behind it, for long. Each pass's query is bounded by a
// posting source that ends the match once the budget is spent: the pass keeps what it ranked by
// then, the stages after it skip what is optional, and the result says it was cut short.
#pragma once

#include <chrono>
#include <memory>

#include <xapian.h>

namespace kb {

class TimeBudget {
  public:
    using Clock = std::chrono::steady_clock;

    // A budget of zero bounds nothing.
    void set_limit(std::chrono::microseconds limit) { limit_ = limit; }
    std::chrono::microseconds limit() const { return limit_; }

    // Starts the clock for one request unless a request is already timed (search() asking
    // similar() for its blend stays within the search's budget); the clock stops with the scope.
    class Scope {
      public:
        explicit Scope(TimeBudget& budget);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

      private:
        TimeBudget* owner_ = nullptr;  // null for a scope inside another
    };

    // `query` filtered by the budget's deadline while a request is timed; `query` itself when
    // nothing is timed or the budget is zero. Not for remote databases: xapian-tcpsrv cannot run
    // our posting source (its own time-out bounds a remote pass). For passes whose percentages
    // are not read: Xapian 1.4 counts the filter as a matched query term, which raises them.
    Xapian::Query bound(const Xapian::Query& query) const;
    // For a pass whose hits show percentages: `query` itself while the budget lasts (the passes
    // before it, cut at the deadline, stand for its cost), and once it is spent, `query` cut
    // after a grace of a quarter of the budget, so the answer still has hits to show.
    Xapian::Query bound_ranked(const Xapian::Query& query) const;
    // Whether the timed request has used its budget up; false when nothing is timed.
    bool spent() const;
    // Whether a pass of the timed request stopped before it had seen every match.
    bool cut() const { return state_ && state_->cut; }

    // Where the posting source says it stopped a pass.
    struct State {
        Clock::time_point deadline;
        bool cut = false;
    };

  private:
    std::chrono::microseconds limit_{0};
    std::shared_ptr<State> state_;  // while a request is timed
};

}  // namespace kb
