import { computed, onBeforeUnmount, ref, type Ref } from 'vue';

/** 大屏: the element fills the screen and the data refreshes itself every minute. */
export const BIG_SCREEN_POLL_MS = 60_000;

/** `initial`: open already in 大屏 (coming from the map in 大屏); the window is filled by CSS. */
export function useBigScreen(target: Ref<HTMLElement | null | undefined>, initial = false) {
  const active = ref(initial);

  function onFullscreenChange() {
    // Leaving full screen with Esc leaves 大屏 mode too.
    if (!document.fullscreenElement && active.value) active.value = false;
  }
  document.addEventListener('fullscreenchange', onFullscreenChange);
  onBeforeUnmount(() => document.removeEventListener('fullscreenchange', onFullscreenChange));

  async function enter() {
    active.value = true;
    // Browsers may refuse (kiosk, iframe); the CSS class still fills the window.
    await target.value?.requestFullscreen?.().catch(() => undefined);
  }

  async function exit() {
    active.value = false;
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
  }

  return {
    active,
    enter,
    exit,
    toggle: () => (active.value ? exit() : enter()),
    pollInterval: computed(() => (active.value ? BIG_SCREEN_POLL_MS : 0)),
  };
}
