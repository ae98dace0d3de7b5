#pragma once

#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "common/http/client.h"

namespace laso::http {

// An HTTP client with its own event loop on its own thread, for code that
// runs on ordinary threads (a background sender) yet wants several requests
// in flight at once.
class ClientThread {
 public:
  ClientThread() : guard_(ioc_.get_executor()), client_(ioc_), thread_([this] { ioc_.run(); }) {}
  ~ClientThread() {
    guard_.reset();
    ioc_.stop();
    thread_.join();
  }
  ClientThread(const ClientThread&) = delete;
  ClientThread& operator=(const ClientThread&) = delete;

  Client& client() { return client_; }

 private:
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  Client client_;
  std::thread thread_;
};

}  // namespace laso::http
