// Runs a blocking or CPU-heavy function on a thread pool and resumes the awaiting coroutine on its own
// executor with the result: the network threads never block (password hashing, for one).
//
// Deliberately not a coroutine itself: g++ 12 mishandles by-value lambda parameters of coroutines
// (destroying a capture twice), so the work is moved straight into the initiation instead.
#pragma once

#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <type_traits>

namespace rudi {

// Resumes with the work's result wrapped in an optional (always engaged): the completion's value type
// must be default-constructible.
template <class Work>
auto offload(boost::asio::thread_pool& pool, Work work)
    -> boost::asio::awaitable<std::optional<std::invoke_result_t<Work&>>> {
  using R = std::invoke_result_t<Work&>;
  return boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(std::optional<R>)>(
      [&pool, work = std::move(work)](auto handler) mutable {
        auto guard = boost::asio::make_work_guard(boost::asio::get_associated_executor(handler));
        boost::asio::post(
            pool, [work = std::move(work), handler = std::move(handler), guard = std::move(guard)]() mutable {
              std::optional<R> result(work());
              auto executor = guard.get_executor();
              guard.reset();
              boost::asio::dispatch(executor,
                                    [handler = std::move(handler), result = std::move(result)]() mutable {
                                      std::move(handler)(std::move(result));
                                    });
            });
      },
      boost::asio::use_awaitable);
}

}  // namespace rudi
