#include "olx/include_graph.h"
