// Input schemas use zod/mini: tree-shaken, it adds ~40 KB to the Lambda bundle where the classic
// API adds ~450 KB. Mini ships without a locale and would say only "Invalid input", so English
// messages are switched on here, once; modules that parse input import this file for that effect.
// (Import zod/mini as a namespace in each module; re-exporting the namespace defeats tree-shaking.)
import { config } from 'zod/mini'
import en from 'zod/v4/locales/en.js'

config(en())
