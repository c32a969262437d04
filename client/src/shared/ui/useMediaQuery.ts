import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Whether a CSS media query matches, kept current as the window resizes. */
export function useMediaQuery(query: string): Ref<boolean> {
  const matches = ref(false);
  if (typeof window === 'undefined' || !window.matchMedia) return matches;
  const list = window.matchMedia(query);
  matches.value = list.matches;
  const update = (e: MediaQueryListEvent) => {
    matches.value = e.matches;
  };
  list.addEventListener('change', update);
  onBeforeUnmount(() => list.removeEventListener('change', update));
  return matches;
}

/** Phone-width layout: the side menu becomes a drawer and tables become cards. */
export function usePhoneLayout(): Ref<boolean> {
  return useMediaQuery('(max-width: 768px)');
}
