// The one translation unit that holds Boost.Asio's and Boost.Beast's compiled code (separate
// compilation), so that no other file of Rudi compiles it again.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
