package client

import (
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// Names this package had before the layer options and the defaults got one
// name each. They still work, so code written for them compiles.

// WithMiddleware adds inner layers.
//
// Deprecated: use WithInnerLayers.
func WithMiddleware(m ...middleware.Middleware) ClientOption { return WithInnerLayers(m...) }

// WithOuterMiddleware adds outer layers.
//
// Deprecated: use WithOuterLayers.
func WithOuterMiddleware(m ...middleware.Middleware) ClientOption { return WithOuterLayers(m...) }

// Defaults of Taro.request, under their old names.
//
// Deprecated: use retry.DefaultRetryTimes, timeout.DefaultTimeout,
// DataTypeJSON and ResponseTypeText.
const (
	DefaultRetryTimes   = retry.DefaultRetryTimes
	DefaultTimeout      = timeout.DefaultTimeout
	DefaultDataType     = DataTypeJSON
	DefaultResponseType = ResponseTypeText
)
