#include "server/search/time_budget.h"

namespace kb {

namespace {

// Every document, for as long as the deadline has not passed; then none. As an OP_FILTER beside a
// query, it ends the matcher's walk when the budget is spent, with the best matches found so far
// kept. It weighs nothing, so rankings and weight bounds are the query's own.
class DeadlineSource final : public Xapian::PostingSource {
  public:
    DeadlineSource(std::shared_ptr<TimeBudget::State> state, TimeBudget::Clock::time_point deadline)
        : state_(std::move(state)), deadline_(deadline) {}

    void init(const Xapian::Database& db) override {
        last_ = db.get_lastdocid();
        count_ = db.get_doccount();
        did_ = 0;
        calls_ = 0;
        set_maxweight(0);
    }
    // Told it holds every document, Xapian estimates the filtered query as it would the query.
    Xapian::doccount get_termfreq_min() const override { return count_; }
    Xapian::doccount get_termfreq_est() const override { return count_; }
    Xapian::doccount get_termfreq_max() const override { return count_; }
    Xapian::docid get_docid() const override { return did_; }
    bool at_end() const override { return did_ > last_; }
    void next(double) override { move_to(did_ + 1); }
    void skip_to(Xapian::docid did, double) override { move_to(std::max(did, did_)); }
    PostingSource* clone() const override { return new DeadlineSource(state_, deadline_); }
    std::string name() const override { return "kb::DeadlineSource"; }
    std::string get_description() const override { return "kb::DeadlineSource"; }

  private:
    // The clock is read once every kClockEvery documents: reading it costs more than a step.
    static constexpr unsigned kClockEvery = 16;

    void move_to(Xapian::docid did) {
        did_ = did;
        if (++calls_ % kClockEvery != 0 || did_ > last_) return;
        if (TimeBudget::Clock::now() < deadline_) return;
        state_->cut = true;
        did_ = last_ + 1;
    }

    std::shared_ptr<TimeBudget::State> state_;
    TimeBudget::Clock::time_point deadline_;
    Xapian::docid did_ = 0, last_ = 0;
    Xapian::doccount count_ = 0;
    unsigned calls_ = 0;
};

}  // namespace

TimeBudget::Scope::Scope(TimeBudget& budget) {
    if (budget.state_ || budget.limit_.count() <= 0) return;
    owner_ = &budget;
    budget.state_ = std::make_shared<State>();
    budget.state_->deadline = Clock::now() + budget.limit_;
}

TimeBudget::Scope::~Scope() {
    if (owner_) owner_->state_.reset();
}

namespace {

Xapian::Query cut_at(const Xapian::Query& query, std::shared_ptr<TimeBudget::State> state,
                     TimeBudget::Clock::time_point deadline) {
    return Xapian::Query(Xapian::Query::OP_FILTER, query,
                         Xapian::Query((new DeadlineSource(std::move(state), deadline))->release()));
}

}  // namespace

Xapian::Query TimeBudget::bound(const Xapian::Query& query) const {
    if (!state_ || query.empty()) return query;
    return cut_at(query, state_, state_->deadline);
}

Xapian::Query TimeBudget::bound_ranked(const Xapian::Query& query) const {
    if (!state_ || query.empty() || !spent()) return query;
    return cut_at(query, state_, Clock::now() + limit_ / 4);
}

bool TimeBudget::spent() const { return state_ && (state_->cut || Clock::now() >= state_->deadline); }

}  // namespace kb
