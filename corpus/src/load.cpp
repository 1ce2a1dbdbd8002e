#include "rungs/corpus/load.h"
