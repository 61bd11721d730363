package dev.vesper.holder; final class Placeholder {}
